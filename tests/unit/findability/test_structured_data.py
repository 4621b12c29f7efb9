"""iastm_guide/findability/structured_data.py: schema.org data from front matter."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry

from iastm_guide.findability import structured_data


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


def _site() -> structured_data.Site:
    return structured_data.Site("The Guide", "https://g.org/", "About it", "Editors", "en")


def test_a_page_names_itself_its_site_and_what_it_cites() -> None:
    meta = {"title": "Neck pain &amp; you", "description": "D", "page_type": "condition"}
    html = '<li id="fn:a2020">..</li>'
    data, problem = structured_data.medical_web_page(
        meta, "ignored", "https://g.org/n/", html, _site(), _bib()
    )
    assert problem is None
    assert data["@type"] == "MedicalWebPage" and data["name"] == "Neck pain & you"
    assert data["url"] == "https://g.org/n/" and data["isPartOf"]["url"] == "https://g.org/"
    assert data["about"][0] == {"@type": "MedicalCondition", "name": "Neck pain & you"}
    assert data["citation"] == ["https://doi.org/10.1/x%281%29"]
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_last_reviewed_only_for_a_clinical_review_by_a_named_reviewer() -> None:
    meta = {"title": "T", "last_reviewed": "2026-11-24", "review_status": "clinically reviewed"}
    data, _ = structured_data.medical_web_page({**meta, "reviewed_by": "Dr A"}, "", None, "", _site(), _bib())
    assert data["lastReviewed"] == "2026-11-24" and data["reviewedBy"]["name"] == "Dr A"
    data, problem = structured_data.medical_web_page(
        {**meta, "reviewed_by": ""}, "", None, "", _site(), _bib()
    )
    assert "lastReviewed" not in data and problem is not None and "must name the reviewer" in problem
    awaiting = {**meta, "review_status": "awaiting clinical review", "reviewed_by": "Dr A"}
    assert "lastReviewed" not in structured_data.medical_web_page(awaiting, "", None, "", _site(), _bib())[0]


def test_the_references_page_lists_works_without_citing_them() -> None:
    meta = {"title": "References", "page_type": "references"}
    data, _ = structured_data.medical_web_page(meta, "", None, '<li id="ref-a2020">', _site(), _bib())
    assert "citation" not in data
