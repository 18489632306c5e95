"""ui.warmup: the constant script that loads charts' and tables' browser code after 总览."""

from __future__ import annotations

import json
import re

from ui import warmup


def test_every_chunk_is_found_in_this_streamlit_build():
    # a Streamlit upgrade that renames or splits them shows here, not as a slower 主题
    files = warmup.chunk_files()
    assert [f.split(".")[0] for f in files] == list(warmup.CHUNKS)
    assert all((warmup.STATIC_JS / f).is_file() for f in files)


def test_the_script_names_only_those_files():
    body = warmup.warmup_html()
    [listed] = re.findall(r"const files = (\[.*?\]);", body)
    assert json.loads(listed) == list(warmup.chunk_files())
    assert body.count("<script>") == 1 and body.endswith("</script>")


def test_a_file_name_that_could_break_out_of_the_script_is_never_used():
    for name in ('a.b".js', "a.b</script>.js", "a.b c.js", "../x.abc.js", "Plotly.x.js.map"):
        assert not warmup._CHUNK_FILE.match(name), name
    assert warmup._CHUNK_FILE.match("PlotlyChart.D9Z0_fxz.js")
