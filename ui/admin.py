"""The 导入 page's staging: upload checks, safe temporary files (the role check: ui.auth)."""

from __future__ import annotations

import errno
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from board.text import markdown_text

UPLOAD_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf")


class UploadRejected(Exception):
    """An upload refused before the loader sees it; `reason` is shown to the user."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class StagedUpload:
    """An uploaded file saved under a name we chose; client_name is for messages only."""

    client_name: str
    path: Path


# The loader's reasons end with an English gloss for the command line: "文件为空 (empty file)";
# a parse that crashed ends with its last stderr line, which may hold parentheses or Chinese:
# "解析失败 (parse failed: ValueError('某字段 (x)'))".
_ENGLISH_GLOSS = re.compile(
    r"\s*\((?![A-Za-z]+://)(?=[A-Za-z]).*\)\s*$", re.S
)  # first "(A", not a URL
log = logging.getLogger(__name__)


def shown_reason(reason: object) -> str:
    """A refusal reason for the page: the English gloss dropped, Markdown made literal.

    The reason may carry report text or a file name (a parse failure's detail), so it is
    escaped like any report string.
    """
    text = str(reason or "")
    return markdown_text(_ENGLISH_GLOSS.sub("", text) or text)


def upload_suffix(client_name: str) -> str:
    """The lower-case extension of the name the browser sent ('' if it has none)."""
    last = client_name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + last.rsplit(".", 1)[1].lower() if "." in last else ""


def check_upload(client_name: str, size: int) -> None:
    """Refuse a wrong extension or an oversized file, whatever the browser claimed."""
    if upload_suffix(client_name) not in UPLOAD_SUFFIXES:
        raise UploadRejected(
            client_name, "只接受 .txt、.htm、.html、.docx、.pdf 文件（文件类型不在允许范围内）"
        )
    if size <= 0:
        raise UploadRejected(client_name, "文件为空")
    # here, not at import: importing the loader package is heavy
    from loaders.limits import MAX_FILE_BYTES, MAX_FILE_TEXT

    if size > MAX_FILE_BYTES:
        raise UploadRejected(client_name, f"文件超过{MAX_FILE_TEXT}上限（本文件 {size:,} 字节）")


def staged_name(index: int, client_name: str) -> str:
    """A file name we generate: a number, the client's stem reduced to word characters.

    Keeping a cleaned stem makes documents.source_file say something to the user; with
    separators and dots gone it can never leave the staging directory.
    """
    suffix = upload_suffix(client_name)
    last = client_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = last[: len(last) - len(suffix)] if suffix else last
    cleaned = re.sub(r"[^\w-]+", "_", stem).strip("_-")[:60] or "report"
    return f"{index:02d}_{cleaned}{suffix}"


def stage_uploads(files: list[tuple[str, bytes]], directory: Path) -> list[StagedUpload]:
    """Check every (client name, bytes) pair, then save each under a generated name."""
    for name, data in files:
        check_upload(name, len(data))
    staged = []
    for index, (name, data) in enumerate(files, start=1):
        path = directory / staged_name(index, name)
        path.write_bytes(data)
        staged.append(StagedUpload(name, path))
    return staged


def write_failure(exc: BaseException) -> str:
    """Why writing the database failed, in Chinese for the admin; the detail goes to the log."""
    log.error("import: writing the database failed", exc_info=exc)
    text = str(exc)
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "No space left" in text:
        return "磁盘空间不足"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or any(
        words in text for words in ("Permission denied", "Read-only file system")
    ):
        return "没有写入数据库所在目录的权限"
    return "写入时出错，详情已记入日志"
