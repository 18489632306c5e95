"""The one error a user sees for a report the loader cannot take."""

from pathlib import Path


class ReportError(Exception):
    """A report file that cannot be read or holds no report; str() is the CLI's line."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):  # rebuilt intact when raised in a worker process
        return (type(self), (self.path, self.reason))
