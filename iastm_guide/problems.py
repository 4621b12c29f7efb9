"""One thing to fix, as every checker reports it: `file:line: what is wrong; what to do`.

Shared by the content checkers, the references checks and the data files (urgent
help, evidence), so the build's log and `make check` print problems alike. No MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix, at a file (as an editor names it) and a 1-based line."""

    file: str
    line: int  # 0: the file as a whole
    message: str
    context: str = ""  # e.g. " (included in docs/index.md)", printed after the line

    def where(self) -> str:
        """'file:line' (and what included it), the part before the message."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}{self.context}"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


class ProblemsError(Exception):
    """Problems that stop a file being used at all; str() is one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
