"""The built HTML: citations, reference lists, meta tags and the disclaimer."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import FIXTURE_CONDITION_URL, html_pages, link_targets


def test_every_page_has_meta_canonical_social_tags_and_disclaimer(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), page
        assert re.search(r'<link rel="canonical" href="http[^"]+">', html), page
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            assert f'property="{prop}"' in html, (page, prop)
        assert 'name="twitter:card"' in html, page
        assert "it does not replace advice from your own clinician" in html, page
        assert "Report a problem with this page" in html, page


def test_home_page_cites_a_checked_reference_with_links(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    cite = re.search(r'<sup id="fnref:([\w-]+)"><a class="footnote-ref" href="#fn:\1">1</a></sup>', html)
    assert cite, "the home page must cite at least one reference"
    key = cite.group(1)
    item = re.search(rf'<li id="fn:{key}">(.*?)</li>', html, re.S)
    assert item, "the cited reference is listed at the foot of the page"
    assert re.search(r'href="https://(doi\.org/10\.|pubmed\.ncbi\.nlm\.nih\.gov/\d+/)', item.group(1))
    assert '<h2 class="references-heading" id="references">' in html


def test_page_reference_list_back_links_resolve(site: Path) -> None:
    for page in html_pages(site):
        parsed = link_targets(page)
        for href in parsed.hrefs:
            if href.startswith("#fn"):
                assert href[1:] in parsed.ids, (page, href)


def test_references_page_lists_every_cited_entry_with_working_links(site: Path) -> None:
    from pybtex.database import parse_file

    from tests.helpers import ROOT

    entries = parse_file(str(ROOT / "references.bib")).entries
    cited = {
        key.lower()
        for path in html_pages(site)
        for key in re.findall(r'<li id="fn:([\w-]+)"', path.read_text(encoding="utf-8"))
    }
    assert cited, "pages cite references"
    # Journal articles on /references/, every other kind on /references/other-sources/.
    pages = [site / "references" / "index.html", site / "references" / "other-sources" / "index.html"]
    ids = {name for page in pages for name in link_targets(page).ids}
    html = "".join(page.read_text(encoding="utf-8") for page in pages)
    for key, entry in entries.items():
        listed = f"ref-{key}" in ids
        home = pages[0] if entry.type.lower() == "article" else pages[1]
        assert not listed or f'id="ref-{key}"' in home.read_text(encoding="utf-8"), (
            f"{key}: on the wrong page"
        )
        assert listed == (key.lower() in cited), f"{key}: listed {listed}, cited {key.lower() in cited}"
        if listed and "doi" in entry.fields:
            assert f"https://doi.org/{entry.fields['doi']}".lower() in html.lower().replace("%2f", "/")
    # mkdocs-bibtex's own full bibliography links back to anchors that do not exist.
    for page in pages:
        parsed = link_targets(page)
        for href in parsed.hrefs:
            if href.startswith("#"):
                assert href[1:] in parsed.ids, href
    assert "fnref:" not in html


def test_no_third_party_assets_in_html(site: Path) -> None:
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            src = re.search(r'(?:src|href)="(https?:)?//([^/"]+)', tag)
            if src and 'rel="canonical"' not in tag:
                assert src.group(2).startswith("127.0.0.1"), (page, tag)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_the_footer_names_the_dates_for_who_checked_the_page(fixture_site: Path) -> None:
    """Until a clinician has reviewed a page, its foot says when the editors last checked
    it ("Page last reviewed" beside "no clinician has reviewed this page yet" contradicted
    itself); a clinically reviewed page keeps the NHS wording and names the reviewer."""
    reviewed = fixture_site / FIXTURE_CONDITION_URL.strip("/") / "index.html"
    seen = set()
    for page in html_pages(fixture_site):
        block = re.search(
            r'<aside class="page-info"[^>]*>(.*?)</aside>', page.read_text(encoding="utf-8"), re.S
        )
        assert block, page
        text = " ".join(re.sub(r"<[^>]+>", " ", block.group(1)).split())
        if page == reviewed:
            seen.add("reviewed")
            assert "Page last reviewed 2026-06-30 Next review due 2027-06-30" in text, text
            assert "clinically reviewed by Test Reviewer, Physiotherapist (test fixture)." in text, text
            assert "no clinician" not in text and "Editors" not in text, text
        else:
            seen.add("awaiting")
            assert "Editors last checked this page" in text and "Next check due" in text, (page, text)
            assert "no clinician has reviewed this page yet" in text, (page, text)
            assert "Page last reviewed" not in text and "Next review due" not in text, (page, text)
    assert seen == {"reviewed", "awaiting"}
