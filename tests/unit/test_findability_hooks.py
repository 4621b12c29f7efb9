"""The findability and handout hooks, fed small inputs."""

from __future__ import annotations

import datetime as dt
import re

import handout
import page_meta
import sitemap
import structured_data
from pybtex.database import BibliographyData, Entry


def test_meta_date_reads_dates_and_names_the_problem() -> None:
    assert page_meta.meta_date({"last_reviewed": dt.date(2026, 1, 5)}, "last_reviewed") == (
        "2026-01-05",
        None,
    )
    assert page_meta.meta_date({"d": dt.datetime(2026, 1, 5, 9, 30)}, "d") == ("2026-01-05", None)
    assert page_meta.meta_date({"d": "2026-01-05"}, "d") == ("2026-01-05", None)
    missing = page_meta.meta_date({}, "last_reviewed")
    assert missing[0] is None and "has no 'last_reviewed' date" in str(missing[1])
    wrong = page_meta.meta_date({"last_reviewed": "soon"}, "last_reviewed")
    assert wrong[0] is None and "'last_reviewed: soon' is not a date; write it as YYYY-MM-DD" in str(wrong[1])
    assert page_meta.meta_date({"d": "2026-13-01"}, "d")[0] is None


def test_robots_txt_names_the_sitemap_under_site_url() -> None:
    for site_url in ("https://example.org/iastm-guide/", "https://example.org/iastm-guide"):
        text = sitemap.robots_txt(site_url)
        assert "User-agent: *\nAllow: /\n" in text
        assert text.endswith("Sitemap: https://example.org/iastm-guide/sitemap.xml\n")


def test_reviewer_only_for_a_named_person() -> None:
    assert structured_data.reviewer("Dr Ada Lovelace") == (
        {"@type": "Person", "name": "Dr Ada Lovelace"},
        None,
    )
    person, problem = structured_data.reviewer(
        {"name": "A B", "job_title": "Physiotherapist", "url": "https://x.org"}
    )
    assert problem is None
    assert person == {"@type": "Person", "name": "A B", "jobTitle": "Physiotherapist", "url": "https://x.org"}
    for bad in ("", "  ", None, ["A", "B"], {"job_title": "x"}, {"name": ""}):
        assert structured_data.reviewer(bad)[0] is None, bad
        assert "must name the reviewer" in str(structured_data.reviewer(bad)[1])
    unknown = structured_data.reviewer({"name": "A B", "phone": "1"})
    assert unknown[0] is None and "unknown keys ['phone']" in str(unknown[1])


def _bib() -> BibliographyData:
    return BibliographyData(
        entries={
            "a2020": Entry(
                "article",
                fields={
                    "title": "A {Trial}.",
                    "journal": "J Tests",
                    "year": "2020",
                    "doi": "10.1/x(1)",
                    "pmid": "42",
                },
            ),
            "web": Entry(
                "misc", fields={"title": "A guideline", "url": "https://example.org/g", "year": "2016"}
            ),
        }
    )


def test_citation_links_doi_first_then_pubmed_then_url() -> None:
    bib = _bib()
    assert structured_data.citation(bib.entries["a2020"]) == "https://doi.org/10.1/x%281%29"
    assert structured_data.citation(bib.entries["web"]) == "https://example.org/g"


def test_cited_entries_follow_the_page_order_once_and_skip_unknown_keys() -> None:
    html = (
        '<li id="fn:web">..</li><li id="fn:1">a plain footnote</li><li id="fn:a2020">..</li><li id="ref-web">'
    )
    assert [key for key, _ in structured_data.cited_entries(html, _bib())] == ["web", "a2020"]


def test_qr_svg_is_inline_labelled_and_scalable() -> None:
    url = "https://example.org/iastm-guide/conditions/neck-pain/"
    svg = handout.qr_svg(url)
    assert svg.startswith('<svg role="img" aria-label="QR code of this page&#x27;s address: ' + url + '" ')
    assert 'class="handout__qr"' in svg and "<?xml" not in svg
    assert re.search(r'viewBox="0 0 (\d+) \1"', svg), "square, sized by CSS"
    assert not re.search(r'\s(width|height)="', svg.split(">", 1)[0])
