"""iastm_guide/references/csl.py: references in the NLM/Vancouver style, by citeproc-py, cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import Entry, Person, parse_string

from iastm_guide.references import csl

BIB = r"""
@article{braun2011guasha,
  author  = {Braun, M. and Schwickert, M. and Nielsen, A. and Brunnhuber, S. and Dobos, G. and Musial, F.
             and L{\"u}dtke, R. and Michalsen, A.},
  title   = {Effectiveness of Traditional Chinese {"}Gua Sha{"} Therapy in Patients with Chronic Neck Pain},
  journal = {Pain Medicine},
  year    = {2011},
  volume  = {12},
  number  = {3},
  pages   = {362--369},
  doi     = {10.1111/j.1526-4637.2011.01053.x},
  pmid    = {21276190}
}
@techreport{nice2016ng59,
  author      = {{National Guideline Centre}},
  title       = {Low back pain and sciatica in over 16s},
  institution = {National Institute for Health and Care Excellence (NICE)},
  type        = {NICE guideline},
  number      = {NG59},
  year        = {2016},
  url         = {https://www.nice.org.uk/guidance/ng59}
}
@misc{nhs_dvt,
  author       = {{NHS}},
  title        = {Deep vein thrombosis (DVT)},
  howpublished = {NHS website},
  url          = {https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/}
}
"""


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "cache"))
    csl._memory.clear()


def test_an_article_in_the_vancouver_style_without_its_identifiers() -> None:
    texts = csl.format_all(parse_string(BIB, "bibtex"), "digest-1")
    assert texts["braun2011guasha"] == (
        "Braun M, Schwickert M, Nielsen A, Brunnhuber S, Dobos G, Musial F, et al. Effectiveness of "
        'Traditional Chinese "Gua Sha" Therapy in Patients with Chronic Neck Pain. Pain Medicine. '
        "2011;12(3):362\u20139."
    )
    assert "doi" not in texts["braun2011guasha"].lower() and "21276190" not in texts["braun2011guasha"]


def test_a_report_and_a_web_page() -> None:
    texts = csl.format_all(parse_string(BIB, "bibtex"), "digest-1")
    assert texts["nice2016ng59"] == (
        "National Guideline Centre. Low back pain and sciatica in over 16s [NICE guideline NG59]. "
        "National Institute for Health and Care Excellence (NICE); 2016."
    )
    assert texts["nhs_dvt"] == "NHS. Deep vein thrombosis (DVT) [NHS website]."


def test_people_become_csl_names() -> None:
    entry = Entry("article", fields={"title": "T", "year": "2020", "pages": "1--9"})
    entry.add_person(Person("Koc, Jr., Thomas A."), "author")
    entry.add_person(Person("{NHS England}"), "author")
    item = csl.item("Koc2020", entry)
    assert item["id"] == "koc2020" and item["type"] == "article-journal"
    assert csl.item("x", Entry("unpublished"))["type"] == "document"
    assert item["author"] == [
        {"family": "Koc", "given": "Thomas A.", "suffix": "Jr."},
        {"literal": "NHS England"},
    ]
    assert item["page"] == "1\u20139" and item["issued"] == {"date-parts": [[2020]]}


def test_formatted_once_then_read_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    data = parse_string(BIB, "bibtex")
    first = csl.format_all(data, "digest-2")
    csl._memory.clear()

    def refuse(items: object) -> list[str]:
        raise AssertionError("formatted again")

    monkeypatch.setattr(csl, "_format", refuse)
    assert csl.format_all(data, "digest-2") == first  # from the disk cache
    with pytest.raises(AssertionError, match="formatted again"):
        csl.format_all(data, "digest-3")  # another bibliography: formatted anew
