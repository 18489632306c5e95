"""导入: add reports from the browser; admins only (listed for them, checked here again)."""

import tempfile
from pathlib import Path

import duckdb
import streamlit as st

from board.text import markdown_escape
from loaders import ReportError, sandbox
from loaders.limits import MAX_FILE_TEXT
from ui.admin import UploadRejected, shown_reason, stage_uploads, write_failure
from ui.auth import require_role
from ui.database import db_path
from ui.shell import filters_or_reroute

RESULT = "_import_result"
STEPS = "_import_steps"
UPLOADER_ROUND = "_import_uploader_round"

st.title("导入", anchor=False)
require_role("admin")  # first: nothing below runs for anyone else, however they got here
filters_or_reroute(__file__)

if RESULT in st.session_state:
    st.success(st.session_state.pop(RESULT))
    with st.expander("导入过程"):
        for line in st.session_state.pop(STEPS, []):  # escaped when recorded
            st.write(line)
st.caption(
    f"每个文件不超过 {MAX_FILE_TEXT}；同一次选择的文件要么全部导入，要么都不导入。"
    "已导入过的通报再次导入时替换原有数据，不会重复。"
)
round_no = st.session_state.setdefault(UPLOADER_ROUND, 0)
uploads = st.file_uploader(
    "选择通报文件（.txt / .htm / .html / .docx / .pdf）",
    accept_multiple_files=True,
    key=f"import_files_{round_no}",
)
if not st.button("导入", type="primary", disabled=not uploads, key="import_go"):
    st.stop()

bar = st.progress(0.0, text="正在检查文件……")
steps_box = st.status("正在导入……", expanded=True)
shown_steps: list[str] = []


def show_step(n: int, total: int, step: str, names: dict[str, str]) -> None:
    """The bar and one line per step (each file, each OCR page of a scan), client names."""
    for staged_path, client_name in names.items():
        step = step.replace(Path(staged_path).name, client_name)
    line = markdown_escape(step)
    bar.progress(min(n / max(total, 1), 1.0), text=f"正在导入：{line}（{n}/{total}）")
    if line not in shown_steps:
        shown_steps.append(line)
        steps_box.write(line)


with tempfile.TemporaryDirectory(prefix="rectify-upload-") as staging:
    try:
        staged = stage_uploads([(f.name, f.getvalue()) for f in uploads], Path(staging))
        names = {str(s.path): s.client_name for s in staged}
        summaries = sandbox.ingest_isolated(  # parsed in a child with memory/time limits
            [s.path for s in staged],
            db_path(),
            progress=lambda n, total, step: show_step(n, total, step, names),
        )
    except UploadRejected as exc:
        bar.empty()
        steps_box.update(label="未导入", state="error", expanded=False)
        st.error(
            f"「{markdown_escape(exc.name)}」未导入：{shown_reason(exc.reason)}。数据库未作任何改动。"
        )
        st.stop()
    except ReportError as exc:
        bar.empty()
        steps_box.update(label="未导入", state="error", expanded=False)
        name = names.get(exc.path, Path(exc.path).name)
        st.error(
            f"「{markdown_escape(name)}」无法导入：{shown_reason(exc.reason)}。数据库未作任何改动。"
        )
        st.stop()
    except (OSError, duckdb.Error) as exc:
        bar.empty()
        steps_box.update(label="未导入", state="error", expanded=False)
        st.error(f"写入数据库失败（{write_failure(exc)}），数据库未作任何改动。")
        st.stop()

lines = [
    f"「{markdown_escape(names[str(s.path)])}」：{s.indicators} 个指标，{s.items} 项整改事项，"
    f"{s.villages} 个村(社区)"
    for s in summaries
]
st.session_state[RESULT] = "已导入，可在左侧“通报”中选择：\n\n" + "\n\n".join(lines)
st.session_state[STEPS] = shown_steps  # shown under the result after the rerun
st.session_state[UPLOADER_ROUND] = round_no + 1  # a fresh, empty uploader
st.rerun()  # the sidebar reads the replaced database file and lists the new report
