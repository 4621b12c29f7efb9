#!/usr/bin/env python3
"""Spell-check the site's pages against English plus the project's word list.

    .venv/bin/python scripts/spellcheck.py [FILE.md ...]   (default: docs/**/*.md)

Reads what a reader reads: the title and description in the front matter, and the
text of each page (not code, link addresses, citation keys or HTML tags), the same
way the build's content checks do (iastm_guide/content/markdown.py). Words in capitals
(abbreviations such as IASTM) are not checked. Prints `file:line: unknown word ...`
for each unknown word and exits 1 if there is any. A word that is right but unknown
(a medical term, a name, a British spelling) goes into `.wordlist.txt`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from spellchecker import SpellChecker

from iastm_guide.content import markdown as md  # the shared Markdown reader
from iastm_guide.content.page import Source

ROOT = Path(__file__).resolve().parent.parent

WORDLIST = ROOT / ".wordlist.txt"
APOSTROPHES = "'\u2019"
WORD = re.compile(rf"(?<![\w{APOSTROPHES}])[A-Za-z]+(?:[{APOSTROPHES}][A-Za-z]+)*(?!\w)")
EMAIL = re.compile(r"\S+@\S+")


def load_wordlist(path: Path = WORDLIST) -> set[str]:
    """Lower-case words of the project's list: one a line, # starts a comment."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word.lower())
    return words


def words(text: str) -> Iterator[str]:
    """Words worth checking: not abbreviations in capitals, not single letters."""
    for match in WORD.finditer(EMAIL.sub(" ", text)):
        word = re.sub(rf"[{APOSTROPHES}]s$", "", match.group(0))
        if len(word) > 1 and not word.isupper():
            yield word


def unknown_words(path: Path, checker: SpellChecker, extra: set[str]) -> Iterator[tuple[int, str]]:
    """(line, word) for each unknown word of one Markdown file, once per block."""

    def unknown(text: str) -> list[str]:
        found = dict.fromkeys(w for w in words(text) if w.lower() not in extra)
        return [w for w in found if not checker.known([w.lower()])]

    page = Source.read(str(path), path.read_text(encoding="utf-8"))
    offset, lines, meta = page.offset, page.key_lines, page.meta
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            for word in unknown(meta[key]):
                yield lines.get(key, 1), word
    for block in page.blocks:
        for word in unknown(md.plain(block.text)):
            at = re.search(rf"(?<![\w]){re.escape(word)}(?!\w)", block.text)
            line = block.line + (block.text.count("\n", 0, at.start()) if at else 0)
            yield line + offset, word


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "docs").rglob("*.md"))
    checker = SpellChecker(language="en", distance=1)
    extra = load_wordlist()
    count = 0
    for path in paths:
        name = os.path.relpath(path.resolve(), Path.cwd())
        for line, word in unknown_words(path, checker, extra):
            count += 1
            guess = checker.correction(word.lower())
            hint = f" (did you mean '{guess}'?)" if guess and guess != word.lower() else ""
            print(f"{name}:{line}: unknown word '{word}'{hint}; fix the spelling, or add it to .wordlist.txt")
    if count:
        print(f"{count} unknown word(s) in {len(paths)} file(s)", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
