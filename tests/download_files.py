"""What the app hands to st.download_button, as a browser would get it, for AppTest.

A file given as bytes is stored when the page runs; a file given as a callable (the
exports: built only when clicked) is built here when a test asks for it, as Streamlit
builds it when the leader clicks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


class Downloads(MutableMapping):
    """file id (media or deferred) -> (bytes, file name)."""

    def __init__(self) -> None:
        self.stored: dict[str, tuple[bytes, str | None]] = {}
        self.deferred: dict[str, tuple[Callable[[], bytes], str | None]] = {}

    def __getitem__(self, file_id: str) -> tuple[bytes, str | None]:
        if file_id in self.stored:
            return self.stored[file_id]
        build, name = self.deferred[file_id]  # the click: the callable runs now
        data = build()
        return (data.encode("utf-8") if isinstance(data, str) else data), name

    def __setitem__(self, file_id: str, value: tuple[bytes, str | None]) -> None:
        self.stored[file_id] = value

    def __delitem__(self, file_id: str) -> None:
        self.stored.pop(file_id, None)
        self.deferred.pop(file_id, None)

    def __iter__(self) -> Iterator[str]:
        yield from self.stored
        yield from self.deferred

    def __len__(self) -> int:
        return len(self.stored) + len(self.deferred)


def file_id(button) -> str:
    """The id a download button's proto names its file by (deferred or stored)."""
    return button.proto.deferred_file_id or button.proto.url.rsplit("/", 1)[1].split(".")[0]


def record_downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    files = Downloads()
    stored, deferred = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

    def recording(self, path_or_data, mimetype, kind, filename=None):
        fid = stored(self, path_or_data, mimetype, kind, filename)
        files.stored[fid] = (path_or_data, filename)
        return fid

    def recording_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        fid = deferred(self, data_callable, mimetype, coordinates, file_name, **kw)
        files.deferred[fid] = (data_callable, file_name)
        return fid

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_deferred)
    return files
