"""Expand a page's snippets (`--8<-- "includes/x.md"`) before anything reads it.

Shared text (a risks paragraph, the one-line definition of IASTM) is written once in
docs/includes/ and included where it is needed. The citations in it must be checked
and numbered like any other, but mkdocs-bibtex and the checks read a page before
Python-Markdown's extensions run, when the snippet is still one line. So the page is
expanded first, by pymdownx.snippets itself (the maintained extension does the
reading, nesting, sections and path rules; this module only drives it one marker at a
time), and each expanded line remembers where it came from, so a problem in included
text names the included file.

A missing snippet, or a path that leaves the snippet folders (restrict_base_path),
is a problem with the page's file and line instead of a traceback; the marker is
dropped from the output, so the build goes on to report everything at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from iastm_guide.problems import Problem

Origin = tuple[str | None, int]  # (included file as the editor names it, or None for the page; line)


@dataclass
class Expanded:
    text: str
    origins: list[Origin]  # one per line of `text`
    problems: list[tuple[int, str]] = field(default_factory=list)  # (page line, message)
    included: list[str] = field(default_factory=list)  # files the page includes

    def origin(self, line: int) -> Origin:
        """Where line `line` (1-based) of the expanded text was written."""
        if 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return None, line

    def locate(self, page: str, offset: int, line: int, message: str) -> Problem:
        """A problem at line `line` of the expanded text: in the page's own file (its
        front matter counted back with `offset`), or in the file it included."""
        name, number = self.origin(line)
        if name is None:
            return Problem(page, number + offset, message)
        return Problem(name, number, message, f" (included in {page})")


class Expander:
    """Expands snippet markers with the site's own pymdownx.snippets settings."""

    def __init__(self, settings: dict[str, Any], root: Path) -> None:
        settings = {key: value for key, value in settings.items() if key != "auto_append"}
        settings["check_paths"] = True  # a missing file is a problem, never silent
        extension = SnippetExtension(**settings)
        self._md = markdown.Markdown(extensions=[extension])
        self._pre: SnippetPreprocessor = self._md.preprocessors["snippet"]
        self._root = root
        self._bases = [Path(base) for base in extension.getConfigs()["base_path"]]

    def _resolve(self, path: str) -> str | None:
        for base in self._bases:
            candidate = (self._root / base / path).resolve()
            if candidate.is_file():
                return os.path.relpath(candidate, self._root)
        return None

    def _expand(self, lines: list[str]) -> list[str]:
        self._pre.seen = set()
        self._pre.bases = None
        self._pre.failed = set()
        expanded: list[str] = self._pre.parse_snippets(lines)
        return expanded

    def _problem(self, path: str, err: SnippetMissingError) -> str:
        outside = Path(path).is_absolute() or ".." in Path(path).parts
        if outside:
            return (
                f"the snippet '{path}' is outside the snippet folders "
                f"({', '.join(str(b) for b in self._bases)}); include only files from docs/includes/"
            )
        return (
            f"the snippet '{path}' was not found ({err}); check the path, which is relative to "
            f"{', '.join(str(b) for b in self._bases)}"
        )

    def expand(self, text: str) -> Expanded:
        """The page with every snippet marker replaced by what it includes."""
        if "8<-" not in text:  # most pages include nothing: skip the work
            lines = text.split("\n")
            return Expanded(text, [(None, n) for n in range(1, len(lines) + 1)])
        out: list[str] = []
        origins: list[Origin] = []
        result = Expanded("", origins)
        lines = text.split("\n")
        index = 0
        pattern = SnippetPreprocessor.RE_ALL_SNIPPETS
        while index < len(lines):
            line = lines[index]
            match = pattern.match(line)
            if match is None or match.group("escape"):
                out.append(line)
                origins.append((None, index + 1))
                index += 1
                continue
            start = index
            if match.group("block_marker"):  # a block: paths up to the closing marker
                end = index + 1
                while end < len(lines) and not ((m := pattern.match(lines[end])) and m.group("block_marker")):
                    end += 1
                region = lines[index : end + 1]
                paths = [p.strip() for p in region[1:-1] if p.strip() and not p.strip().startswith(";")]
                index = end + 1
            else:
                region = [line]
                paths = [match.group("snippet")[1:-1]]
                index += 1
            try:
                expanded = self._expand(region)
            except SnippetMissingError as err:
                missing = next((p for p in paths if self._resolve(p.split(":")[0]) is None), paths[0])
                result.problems.append((start + 1, self._problem(missing, err)))
                continue
            first = self._resolve(paths[0].split(":")[0]) if paths else None
            result.included += [name for p in paths if (name := self._resolve(p.split(":")[0]))]
            for number, text_line in enumerate(expanded, 1):
                out.append(text_line)
                origins.append((first, number) if first else (None, start + 1))
        result.text = "\n".join(out)
        return result
