"""references.bib integrity: fields per type, identifiers, DOIs, duplicates, lines."""

from __future__ import annotations

import pytest
from pybtex.database import BibliographyData, parse_string

from iastm_guide.content import rules as content_rules
from iastm_guide.references import bibliography
from iastm_guide.references import checks as refs
from tests.helpers import ROOT

GOOD = """% a comment
@article{good2019trial,
  author  = {Smith, Ann},
  title   = {A trial},
  journal = {Journal},
  year    = {2019},
  doi     = {10.1000/abc.123}
}

@misc{museum_strigil,
  author       = {{The Museum}},
  title        = {A strigil},
  howpublished = {Collection record},
  url          = {https://www.example.org/collection/244347}
}
"""


def _bib(text: str) -> BibliographyData:
    return parse_string(text, "bibtex")


def _problems(rules: content_rules.Rules, text: str) -> list[tuple[int, str]]:
    return list(refs.problems(_bib(text), bibliography.entry_lines(text), rules.bib_required_fields))


def test_good_entries_and_the_real_bibliography_pass(rules: content_rules.Rules) -> None:
    assert _problems(rules, GOOD) == []
    real = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert _problems(rules, real) == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("  doi     = {10.1000/abc.123}\n", "", "has no doi, pmid or url"),
        ("  journal = {Journal},\n", "", "has no journal field (an @article needs one)"),
        ("  author  = {Smith, Ann},\n", "", "has no author field"),
        ("10.1000/abc.123", "https://doi.org/10.1000/abc.123", "is not a well-formed DOI"),
        ("10.1000/abc.123", "10.10/abc", "is not a well-formed DOI"),
        ("  doi     = {10.1000/abc.123}", "  pmid    = {PMID: 123}", "is not a PubMed ID"),
        ("@article{good2019trial", "@unpublished{good2019trial", "a type the site does not check"),
    ],
)
def test_each_entry_rule_fails_at_the_entry_line(
    rules: content_rules.Rules, old: str, new: str, words: str
) -> None:
    assert old in GOOD
    found = _problems(rules, GOOD.replace(old, new))
    assert [(line, words in message) for line, message in found] == [(2, True)], found
    assert found[0][1].startswith("entry 'good2019trial' ")


def test_a_misc_entry_needs_a_full_url(rules: content_rules.Rules) -> None:
    found = _problems(rules, GOOD.replace("https://www.example.org", "www.example.org"))
    assert [(line, "is not a full web address" in m) for line, m in found] == [(10, True)]


def test_either_of_two_fields_will_do(rules: content_rules.Rules) -> None:
    book = "@book{b,\n  editor = {Lee, A},\n  title = {T},\n  publisher = {P},\n  year = {2000},\n  url = {https://a.org/b}\n}\n"
    assert _problems(rules, book) == []
    assert "has no author or editor field" in _problems(rules, book.replace("editor", "translator"))[0][1]


def test_the_same_doi_twice_is_reported_on_the_second_entry(rules: content_rules.Rules) -> None:
    second = "\n@article{again2019trial,\n  author = {Lee, A},\n  title = {T},\n  journal = {J},\n"
    twin = GOOD + second + "  year = {2019},\n  doi = {10.1000/ABC.123}\n}\n"  # DOIs ignore case
    found = _problems(rules, twin)
    assert len(found) == 1
    assert found[0][0] == twin.split("\n").index("@article{again2019trial,") + 1
    assert "has the same DOI as 'good2019trial'" in found[0][1]


def test_entry_lines_are_by_lower_case_key() -> None:
    assert bibliography.entry_lines(GOOD) == {"good2019trial": 2, "museum_strigil": 10}


def test_uncited_entries_are_listed_by_line_not_failed() -> None:
    bib = bibliography.parse(GOOD, "refs.bib")
    (found,) = refs.uncited(bib, {"good2019trial"})
    assert str(found).startswith("refs.bib:10: entry 'museum_strigil' is not cited on any page (reported")
    assert list(refs.uncited(bib, {"good2019trial", "museum_strigil"})) == []
