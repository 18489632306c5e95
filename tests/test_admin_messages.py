"""What the 导入 page says when a file is refused or the write fails: Chinese, no English."""

from __future__ import annotations

import errno

import duckdb
import pytest

from ui.admin import shown_reason, write_failure

REASONS = [  # (loader reason, what the admin reads)
    ("文件为空 (empty file)", "文件为空"),
    ("正文超过 3,000,000 字的上限 (text of 3,789,338 characters, limit 3,000,000)",
     "正文超过 3,000,000 字的上限"),
    ("解析失败 (parse failed: ValueError('bad (x)'))", "解析失败"),
    ("解析失败 (parse failed: RuntimeError: 某字段出错)", "解析失败"),
    ("文件超过20 MB（20,000,000 字节）上限", "文件超过20 MB（20,000,000 字节）上限"),
    ("数字（约）不成对 (二)", "数字（约）不成对 (二)"),  # Chinese in brackets: kept, escaped
]  # fmt: skip


@pytest.mark.parametrize(("reason", "shown"), REASONS)
def test_a_reason_loses_its_english_gloss(reason, shown):
    assert shown_reason(reason).replace("\\", "") == shown.replace("\\", "")


@pytest.mark.parametrize(
    ("exc", "shown"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (duckdb.IOException('Could not write file "/srv/x.duckdb": No space left on device'),
         "磁盘空间不足"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有写入数据库所在目录的权限"),
        (OSError(errno.EROFS, "Read-only file system"), "没有写入数据库所在目录的权限"),
        (duckdb.Error("Catalog Error: something odd"), "写入时出错，详情已记入日志"),
    ],
)  # fmt: skip
def test_a_write_failure_is_said_in_chinese_and_logged(exc, shown, caplog):
    assert write_failure(exc) == shown
    assert "writing the database failed" in caplog.text
