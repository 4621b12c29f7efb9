"""iastm_guide/findability/sitemap.py: robots.txt from site_url, and front matter dates."""

from __future__ import annotations

import datetime as dt

from iastm_guide.findability import sitemap
from iastm_guide.findability import sitemap as page_meta


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
