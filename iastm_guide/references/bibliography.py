"""Load `references.bib` once, strictly, with the line of every entry.

pybtex (the library mkdocs-bibtex itself uses) parses the file in strict mode; every
failure becomes one line naming the file, the line and what to do, never a
traceback: a BibTeX syntax error at its line, a key used twice (keys are compared
without regard to case) at the second entry. The parsed file is kept until the file
changes on disk, so `mkdocs serve` parses it again only when it is edited; so are the
entries formatted as references (csl.py). No MkDocs here: the build hands the result
to mkdocs-bibtex (references/mkdocs_bibtex.py), and `make check` checks it without
building.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexSyntaxError

from iastm_guide.references import style
from iastm_guide.security.files import NotTextError, read_text

ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*\{[ \t]*(?P<key>[^,\s]+)[ \t]*,", re.MULTILINE)


class BibliographyError(ValueError):
    """references.bib cannot be used; str() is one line: file, line, what to do."""


@dataclass(frozen=True)
class Bibliography:
    name: str  # as mkdocs.yml names it: references.bib
    data: BibliographyData
    lines: dict[str, int]  # lower-case key -> line of its `@type{key,`
    digest: str = ""  # sha256 of the file's text: names what is computed from it

    def line(self, key: str) -> int:
        return self.lines.get(key.lower(), 1)

    @functools.cached_property
    def texts(self) -> dict[str, str]:
        """Each entry's reference text in the site's style (csl.py), by lower-case key."""
        from iastm_guide.references import csl

        return csl.format_all(self.data, self.digest)

    def reference(self, key: str) -> list[style.Part]:
        """The entry as the parts of a reference: the style's text, then its one link."""
        return style.reference(self.texts[key.lower()], self.data.entries[key])


def entry_lines(text: str) -> dict[str, int]:
    """Line of each entry's `@type{key,` by lower-case key (the last one if repeated)."""
    return {m.group("key").lower(): text.count("\n", 0, m.start()) + 1 for m in ENTRY_START.finditer(text)}


def parse(text: str, name: str) -> Bibliography:
    """Parse strictly; every failure names the file, the line and what to do."""
    pybtex.errors.set_strict_mode(True)
    try:
        data = parse_string(text, bib_format="bibtex")
    except PybtexSyntaxError as err:
        raise BibliographyError(
            f"{name}:{err.lineno}: BibTeX {err}; "
            "check the braces, commas and quotes of the entry that ends here"
        ) from err
    except Exception as err:  # pybtex reports duplicates and bad fields as BibliographyDataError
        message = str(err)
        match = re.search(r"repeated bibliography entry: (\S+)", message)
        if match:
            pattern = re.compile(r"@\w+\s*\{\s*" + re.escape(match.group(1)) + r"\s*,", re.IGNORECASE)
            found = [n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
            raise BibliographyError(
                f"{name}:{found[-1] if found else 1}: duplicate BibTeX key '{match.group(1)}' (keys are "
                "compared without regard to case); each entry needs its own key: rename or remove one"
            ) from err
        raise BibliographyError(f"{name}: cannot read the bibliography: {message}") from err
    return Bibliography(name, data, entry_lines(text), hashlib.sha256(text.encode("utf-8")).hexdigest())


_cache: dict[Path, tuple[tuple[int, int], Bibliography]] = {}


def load(path: Path, name: str) -> Bibliography:
    """Read and parse the file; parsed again only when it has changed on disk."""
    if not path.is_file():
        raise BibliographyError(
            f"{name}: bibliography file not found; create it or fix bib_file in mkdocs.yml"
        )
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        try:
            text = read_text(path, name)
        except NotTextError as err:
            raise BibliographyError(str(err)) from None
        cached = (stamp, parse(text, name))
        _cache[path] = cached
    return cached[1]
