"""Findability in the built site: sitemap.xml with each page's review date,
robots.txt, the "not found" page, icons and web manifest, and schema.org
MedicalWebPage JSON-LD on every page."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from urllib.robotparser import RobotFileParser

import yaml
from pybtex.database import parse_file

from tests.helpers import FIXTURE_CONDITION, FIXTURE_CONDITION_URL, ROOT, html_pages, mkdocs_nav, page_url

SITE_URL = "http://127.0.0.1:8000/"  # the default site_url the test builds use
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def front_matter(url: str) -> dict[str, Any]:
    """The front matter of the page published at `url` (fixture page included)."""
    if url == FIXTURE_CONDITION_URL:
        source = FIXTURE_CONDITION
    else:
        stem = url.strip("/")
        candidates = [ROOT / "docs" / f"{stem}.md", ROOT / "docs" / stem / "index.md"]
        source = next(path for path in candidates if path.is_file())
    text = source.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1])
    assert isinstance(meta, dict)
    return meta


def iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def test_sitemap_lists_every_page_with_its_review_date(fixture_site: Path) -> None:
    raw = (fixture_site / "sitemap.xml").read_bytes()
    assert gzip.decompress((fixture_site / "sitemap.xml.gz").read_bytes()) == raw
    entries = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ET.fromstring(raw).iter(f"{SITEMAP}url")
    }
    pages = [page_url(fixture_site, page) for page in html_pages(fixture_site)]
    assert set(entries) == {SITE_URL + url.lstrip("/") for url in pages}
    for url in pages:
        assert entries[SITE_URL + url.lstrip("/")] == iso(front_matter(url)["last_reviewed"]), url
    # The fixture page was last reviewed long before any build date: not the build date.
    assert entries[SITE_URL + FIXTURE_CONDITION_URL.lstrip("/")] == "2026-06-30"


def test_robots_txt_allows_everything_and_names_the_sitemap(site: Path) -> None:
    text = (site / "robots.txt").read_text(encoding="utf-8")
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    assert robots.site_maps() == [SITE_URL + "sitemap.xml"]
    for page in html_pages(site):
        assert robots.can_fetch("*", SITE_URL + page_url(site, page).lstrip("/"))
    assert not (ROOT / "docs" / "robots.txt").exists(), "robots.txt is generated: do not write it by hand"


def _nav_pages(entries: list[Any]) -> list[str]:
    """The Markdown files of the nav's top level and its sections' first level."""
    found = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found += [
                v
                for v in (next(iter(e.values())) if isinstance(e, dict) else e for e in value)
                if isinstance(v, str)
            ]
    return found


def test_404_page_offers_search_and_the_main_sections(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<title>Page not found - The IASTM Guide</title>" in html
    form = re.search(
        r'<form class="not-found__search" action="([^"]+)" method="get" role="search">(.*?)</form>',
        html,
        re.S,
    )
    assert form and form.group(1) == "/", "the 404 search form must open the site search on the home page"
    assert 'name="q"' in form.group(2) and '<label for="not-found-query">' in form.group(2)
    sections = re.search(r'<ul class="not-found__sections">(.*?)</ul>\s*</article>', html, re.S)
    assert sections, "the 404 page lists the main sections"
    hrefs = set(re.findall(r'href="([^"]+)"', sections.group(1)))
    nav = mkdocs_nav()
    for source in _nav_pages(nav):
        url = "/" + re.sub(r"(index)?\.md$", "", source)
        url = url if url.endswith("/") else url + "/"
        assert url in hrefs, f"the 404 page does not link to {url} ({source})"


def _svg(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox"), path
    assert root.findtext("{http://www.w3.org/2000/svg}title"), f"{path} needs a <title>"
    return root


def test_favicon_app_icon_and_manifest(site: Path) -> None:
    images = site / "images"
    _svg(images / "favicon.svg")
    _svg(images / "app-icon.svg")
    png = (images / "apple-touch-icon.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (180, 180)
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "The IASTM Guide" and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file(), icon
    assert {icon.get("purpose") for icon in manifest["icons"]} >= {"any", "maskable"}
    for page in [*html_pages(site), site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        # The favicon is inlined as a data: URI (iastm_guide/weight/icons.py: one request fewer).
        icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
        assert icon, (page, "icon")
        href = unquote(icon.group(1))
        assert href.endswith("images/favicon.svg") or (
            href.startswith("data:image/svg+xml,") and "<title" in href
        ), (page, "icon")
        touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)"', html)
        assert touch and touch.group(1).endswith("images/apple-touch-icon.png"), (page, "apple-touch-icon")
        assert re.search(r'<link rel="manifest" href="[^"]*manifest\.webmanifest">', html), page


def _json_ld(html: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_every_page_has_medical_web_page_json_ld(fixture_site: Path) -> None:
    bib = parse_file(str(ROOT / "references.bib")).entries
    pages = html_pages(fixture_site)
    assert len(pages) >= 3
    for path in pages:
        url = page_url(fixture_site, path)
        html = path.read_text(encoding="utf-8")
        blocks = _json_ld(html)
        assert len(blocks) == 1, f"{url}: one JSON-LD block expected, found {len(blocks)}"
        data, meta = blocks[0], front_matter(url)
        assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
        assert data["name"] == meta["title"]
        assert data["description"] == meta["description"]
        assert data["url"] == SITE_URL + url.lstrip("/")
        # lastReviewed claims a (medical) review: only once a clinician has reviewed the page.
        if meta["review_status"] == "clinically reviewed":
            assert data["lastReviewed"] == iso(meta["last_reviewed"]), url
        else:
            assert "lastReviewed" not in data and "dateModified" not in data, url
        if "reviewed_by" in meta:
            assert data["reviewedBy"]["@type"] == "Person"
            assert data["reviewedBy"]["name"] == meta["reviewed_by"]["name"]
        else:
            assert "reviewedBy" not in data, f"{url}: no reviewer is named, so none may be claimed"
        about = {item["@type"]: item["name"] for item in data["about"]}
        assert "IASTM" in str(data["about"]) and "MedicalTherapy" in about
        if meta["page_type"] == "condition":
            assert about["MedicalCondition"] == meta["title"]
        listed = list(dict.fromkeys(re.findall(r'<li id="fn:([\w-]+)"', html)))
        cited = data.get("citation", [])
        assert len(cited) == len(listed), f"{url}: {len(listed)} references listed, {len(cited)} in JSON-LD"
        for key, work in zip(listed, cited, strict=True):
            fields = bib[key].fields
            if "doi" in fields:
                assert unquote(work).lower() == f"https://doi.org/{fields['doi']}".lower(), (url, key)
            elif "pmid" in fields:
                assert work == f"https://pubmed.ncbi.nlm.nih.gov/{fields['pmid']}/", (url, key)
            else:
                assert work == fields["url"], (url, key)
    fixture = _json_ld(
        (fixture_site / FIXTURE_CONDITION_URL.strip("/") / "index.html").read_text(encoding="utf-8")
    )
    assert fixture[0]["lastReviewed"] == "2026-06-30"
    assert fixture[0]["reviewedBy"] == {
        "@type": "Person",
        "name": "Test Reviewer",
        "jobTitle": "Physiotherapist (test fixture)",
    }
    assert _json_ld((fixture_site / "404.html").read_text(encoding="utf-8")) == []
