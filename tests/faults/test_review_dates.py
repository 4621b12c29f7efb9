"""Review dates never block a deploy (issue 12): a copy of the site with a page past its
review date builds, shows readers a notice under the title, and the build log lists it
in one summary. Dates written wrongly still fail the build with file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, assert_build_refuses
from tests.faults.test_content_rules import FM, INDEX, REVIEWED, _set_key
from tests.helpers import ROOT, build, build_in_process, copy_project

PAGE = "docs/conditions/neck-pain.md"
PAGE_HTML = Path("conditions/neck-pain/index.html")
# The clock: ten days after the real pages' last review, so that only the page moved
# below is due. Its dates are valid, 360 days apart, and passed 20 days ago.
NOW = REVIEWED + dt.timedelta(days=10)
PAST_LAST, PAST_DUE = REVIEWED - dt.timedelta(days=380), REVIEWED - dt.timedelta(days=20)
PAGE_LINE = next(
    n
    for n, line in enumerate((ROOT / PAGE).read_text(encoding="utf-8").splitlines(), 1)
    if line.startswith("next_review:")
)


def _past_due(project: Path) -> None:
    _set_key(PAGE, "last_reviewed", PAST_LAST.isoformat())(project)
    _set_key(PAGE, "next_review", PAST_DUE.isoformat())(project)


@pytest.mark.slow
def test_a_page_past_its_review_date_builds_shows_a_notice_and_is_listed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _past_due(project)
    result = build(project, tmp_path / "site", IASTM_TODAY=NOW.isoformat())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output

    # One summary at the end of the build, naming the page, its line and the date.
    assert output.count("review dates:") == 1, output
    summary = output[output.index("review dates:") :]
    assert summary.startswith("review dates: 1 page(s) overdue, 0 due within 60 days (not a failure")
    assert f"  {PAGE}:{PAGE_LINE}: overdue: due for review on {PAST_DUE} (30 days ago)" in summary

    # The notice, right under the page's title, in words and as a machine-readable date.
    html = (tmp_path / "site" / PAGE_HTML).read_text(encoding="utf-8")
    notice = re.search(r'</h1>\s*<div class="review-notice" role="note"[^>]*>(.*?)</div>', html, re.S)
    assert notice, "the notice comes right after the <h1>"
    text = re.sub(r"<[^>]+>", "", notice.group(1))
    assert f"This page was due for review on {PAST_DUE.day} " in text
    assert "may be out of date" in text and "check with your doctor or physiotherapist" in text
    assert f'<time datetime="{PAST_DUE}">' in notice.group(1)
    assert html.count('class="review-notice"') == 1
    # Pages that are not due show nothing.
    assert 'class="review-notice"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_page_not_yet_due_shows_no_notice_and_the_summary_says_so(tmp_path: Path) -> None:
    """Due within the warning window: listed in the summary, no notice for readers yet."""
    project = copy_project(tmp_path / "project")
    soon = NOW + dt.timedelta(days=30)
    _set_key(PAGE, "last_reviewed", (REVIEWED - dt.timedelta(days=300)).isoformat())(project)
    _set_key(PAGE, "next_review", soon.isoformat())(project)
    result = build_in_process(project, tmp_path / "site", IASTM_TODAY=NOW.isoformat())
    assert result.returncode == 0, result.stderr
    assert "review dates: 0 page(s) overdue, 1 due within 60 days" in result.stderr
    assert f"  {PAGE}:{PAGE_LINE}: due for review in 30 days ({soon})" in result.stderr
    html = (tmp_path / "site" / PAGE_HTML).read_text(encoding="utf-8")
    assert 'class="review-notice"' not in html


def _set(key: str, value: str) -> Breaker:
    return _set_key(INDEX, key, value)


# case -> (breaker, texts the build output must contain)
CASES: dict[str, tuple[Breaker, list[str]]] = {
    "malformed date": (
        _set("next_review", "next year"),
        [f"{INDEX}:{FM['next_review']}: 'next_review' must be a real date written YYYY-MM-DD"],
    ),
    "impossible date": (
        _set("last_reviewed", "2026-02-30"),
        # iastm_guide/build/security.py stops the build at the file's reading (MkDocs would drop the
        # whole front matter); iastm_guide/content/front_matter.py would say the same at the same line.
        [f"{INDEX}:{FM['last_reviewed']}: front matter has a date that is not a real day"],
    ),
    "next review on the day of the last": (
        _set("next_review", REVIEWED.isoformat()),
        [f"{INDEX}:{FM['next_review']}: next_review {REVIEWED} is not after last_reviewed {REVIEWED}"],
    ),
    "last review in the future": (
        _set("last_reviewed", (REVIEWED + dt.timedelta(days=30)).isoformat()),
        [f"{INDEX}:{FM['last_reviewed']}: last_reviewed {REVIEWED + dt.timedelta(days=30)} is in the future"],
    ),
    "next review further than the cycle": (
        _set("next_review", (REVIEWED + dt.timedelta(days=401)).isoformat()),
        [f"{INDEX}:{FM['next_review']}: next_review", "401 days after last_reviewed; the review cycle is"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_dates_written_wrongly_still_fail_with_file_and_line(case: str, tmp_path: Path) -> None:
    breaker, expected = CASES[case]
    assert_build_refuses(case, breaker, expected, tmp_path, build_in_process, IASTM_TODAY=NOW.isoformat())
