"""Glossary tooltips: every term on every page, on its first use, none on the glossary.

docs/includes/abbreviations.md lists the terms, one `*[term]: plain-language
definition` a line. `read_glossary` reads them (one problem per bad line); the build
reads them once per build and gives them to Python-Markdown's `abbr` extension as
its glossary, so every page gets them without parsing the list again on each page
(appending the list to every page's Markdown, as Material's docs suggest, cost more
build time than any hook). A term is explained where it first appears (as
plain-language writing does): `first_use_only` keeps the first tooltip of each term.
The glossary page defines every term in full itself, so `unwrap_abbreviations`
takes its tooltips away. Both keep pages within the page-weight budget. No MkDocs.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from iastm_guide.problems import Problem

GLOSSARY = PurePosixPath("includes") / "abbreviations.md"  # within docs_dir
DEFINITION = re.compile(r"\*\[(?P<term>[^\]\n]+)\]:[ \t]*(?P<text>\S.*?)[ \t]*")
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


def read_glossary(text: str, name: str) -> tuple[dict[str, str], list[Problem]]:
    """Terms and definitions, and one problem per bad line."""
    terms: dict[str, str] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = DEFINITION.fullmatch(line)
        if match is None:
            problems.append(
                Problem(
                    name,
                    number,
                    "not a glossary line; write `*[term]: plain-language definition` "
                    f"on one line: {line.strip()[:60]!r}",
                )
            )
            continue
        term = match["term"]
        if term in terms:
            problems.append(Problem(name, number, f"{term!r} is defined twice; keep one definition"))
            continue
        terms[term] = match["text"]
    return terms, problems


def unwrap_abbreviations(html: str) -> str:
    return ABBR.sub(r"\1", html)


def first_use_only(html: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, html)
