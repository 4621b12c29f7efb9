"""iastm_guide/references/bibliography.py: references.bib read once, strictly, with lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iastm_guide.references import bibliography
from tests.helpers import ROOT

ENTRY = "@article{smith2019trial,\n  author = {Smith, Ann},\n  title = {A trial},\n  year = {2019}\n}\n"


def test_the_real_bibliography_loads_with_a_line_for_every_entry() -> None:
    bib = bibliography.load(ROOT / "references.bib", "references.bib")
    assert len(bib.data.entries) == len(bib.lines) > 20
    key = next(iter(bib.data.entries))
    assert (
        f"{{{key}," in (ROOT / "references.bib").read_text(encoding="utf-8").splitlines()[bib.line(key) - 1]
    )


def test_a_syntax_error_names_the_line() -> None:
    with pytest.raises(bibliography.BibliographyError, match=r"^refs.bib:\d+: BibTeX syntax error"):
        bibliography.parse(ENTRY.replace("{2019}\n}", "{2019\n}"), "refs.bib")


def test_a_key_used_twice_in_any_case_names_the_second_entry() -> None:
    text = ENTRY + "\n" + ENTRY.replace("smith2019trial", "Smith2019Trial")
    with pytest.raises(bibliography.BibliographyError) as caught:
        bibliography.parse(text, "refs.bib")
    assert str(caught.value).startswith("refs.bib:7: duplicate BibTeX key")


def test_missing_or_not_utf8_files_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(bibliography.BibliographyError, match="bibliography file not found"):
        bibliography.load(tmp_path / "gone.bib", "gone.bib")
    (tmp_path / "latin.bib").write_bytes(ENTRY.replace("Ann", "Ann\xe9").encode("latin-1"))
    with pytest.raises(bibliography.BibliographyError, match="is not UTF-8 text"):
        bibliography.load(tmp_path / "latin.bib", "latin.bib")


def test_parsed_once_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(ENTRY, encoding="utf-8")
    first = bibliography.load(path, "refs.bib")
    assert bibliography.load(path, "refs.bib") is first
    path.write_text(ENTRY.replace("A trial", "Another trial"), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert bibliography.load(path, "refs.bib") is not first
