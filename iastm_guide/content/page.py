"""A page as its editor wrote it: the one input of every content checker.

`Source.read(name, text)` takes the file's text (decoded as MkDocs decodes it:
UTF-8, a byte-order mark allowed) and keeps what the checkers need: the body as
MkDocs hands it to plugins, how many lines the front matter shifted it by, the
front matter as written (dates kept as the text typed) or the problem that stops
it being read, and the line of each key. The build makes it from
`page.file.content_string`, `make check` from the file on disk, so both check the
same thing. No MkDocs here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from iastm_guide.content import front_matter
from iastm_guide.content import markdown as md


@dataclass(frozen=True, eq=False)
class Source:
    name: str  # the file as an editor names it: docs/conditions/neck-pain.md
    text: str  # the whole file
    body: str  # the Markdown after the front matter (MkDocs' page.markdown)
    offset: int  # lines before the body: body line n is file line n + offset
    meta: dict[str, Any]  # front matter as written; {} when unreadable
    meta_problem: tuple[int, str] | None  # why the front matter cannot be read
    key_lines: dict[str, int]  # front matter key -> file line

    @classmethod
    def read(cls, name: str, text: str) -> Source:
        body = md.split_front_matter(text)
        meta, problem = front_matter.read_front_matter(text)
        return cls(name, text, body, md.body_offset(text, body), meta or {}, problem, md.key_lines(text))

    @property
    def page_type(self) -> str | None:
        value = self.meta.get("page_type")
        return value if isinstance(value, str) else None

    @functools.cached_property
    def blocks(self) -> tuple[md.Block, ...]:
        """The body's blocks (parsed once, shared by the checkers)."""
        return md.blocks(self.body)
