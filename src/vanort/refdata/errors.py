"""The one error type of the reference-data package."""

from __future__ import annotations


class RefDataError(ValueError):
    """A reference-data file is missing or malformed.

    The message names the file and, where known, the line: ``"countries.csv:12: ..."``.
    """

    def __init__(self, file: str, problem: str, *, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {problem}")
