"""Downloads built only when clicked, and the one Chinese line a leader sees if that fails.

Streamlit 1.67 runs a deferred `st.download_button(data=callable)` in its backend-operation
handler and, on any failure (the callable raised, or its file id is gone because the page
was redrawn), answers the browser with the fixed English text "Failed to generate file for
download", which the button shows under itself. No option changes that text, so the
handler's answer is translated here, in one place; the detail goes to the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from streamlit.runtime import backend_operation_handler

DOWNLOAD_FAILED = "文件生成失败，已记录错误。请刷新页面后重试；仍不行请联系管理员。"
log = logging.getLogger(__name__)


def deferred(what: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """build, run only when the leader clicks (on Streamlit's thread, not the page's run).

    A failure is logged with its detail (`what` names the file) and the button says
    DOWNLOAD_FAILED.
    """
    chinese_download_errors()

    def run() -> bytes:
        try:
            return build()
        except Exception:
            log.exception("download failed: %s", what)
            raise

    return run


def chinese_download_errors() -> None:
    """Make every failing deferred download answer DOWNLOAD_FAILED (idempotent).

    If a later Streamlit moves the handler, nothing is patched and a warning is logged
    once: the button then shows Streamlit's own English line again
    (tests/test_browser_downloads.py fails on it).
    """
    handler = getattr(backend_operation_handler, "DeferredFileHandler", None)
    handle = getattr(handler, "handle", None)
    if handle is None:
        log.warning("Streamlit has no DeferredFileHandler.handle: download errors stay English")
        return
    if getattr(handle, "rectify_chinese", False):
        return

    @functools.wraps(handle)
    async def chinese(self, request, session_id):
        response = await handle(self, request, session_id)
        if response.error_msg:
            log.warning("deferred download %r failed: %s", request.request_id, response.error_msg)
            response.error_msg = DOWNLOAD_FAILED
        return response

    chinese.rectify_chinese = True
    handler.handle = chinese
