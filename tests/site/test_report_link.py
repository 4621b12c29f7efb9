"""Every page's "Report a problem with this page" link opens the report form with the
page's own address filled in: a plain link, no JavaScript."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

from tests.helpers import ROOT, html_pages

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "report-error.yml"


def test_report_link_is_prefilled_with_the_page_url(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)"[^>]*>Report a problem with this page', text)
        assert link, f"{page}: no report link"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text)
        assert canonical, page
        url = urlsplit(html.unescape(link.group(1)))
        assert url.path.endswith("/issues/new"), url
        query = parse_qs(url.query)
        assert query["template"] == [FORM.name]
        assert query["page"] == [canonical.group(1)], page
        assert re.fullmatch(r"Problem on page: \S.*", query["title"][0]), (page, query["title"])


def test_the_report_form_has_the_field_the_link_fills_in() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert "page" in ids  # GitHub fills a form field from the query parameter of the same id
    page = next(item for item in form["body"] if item.get("id") == "page")
    assert page["type"] == "input" and page["validations"]["required"] is True
