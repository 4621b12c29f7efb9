"""The content rules (issue 5): a copy of the site broken one way at a time, for every
rule in content-rules.yml and the hooks that check it. The strict build must fail
and name the broken file and line; the softer checks must report without failing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, _append, _replace, assert_build_refuses
from tests.helpers import ROOT, build, build_in_process, copy_project

INDEX = "docs/index.md"
FIXTURES = Path(__file__).parent / "fixtures"
KNEE = "docs/conditions/knee-pain.md"


def _lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


def _line_of(path: str, pattern: str) -> int:
    """First line of a file in the real project that matches, 1-based."""
    return next(n for n, line in enumerate(_lines(path), 1) if re.match(pattern, line))


def _add(path: str, text: str) -> Breaker:
    """Append text as a new block: its first line comes after one blank line."""
    return _append(path, "\n" + text)


APPENDED = len(_lines(INDEX)) + 2
KNEE_LINES = (FIXTURES / "knee-pain.md").read_text(encoding="utf-8").splitlines()
BIB_END = len(_lines("references.bib")) + 2


def _set_key(path: str, key: str, value: str) -> Breaker:
    """Rewrite (or with value "" remove) one front matter line."""

    def breaker(project: Path) -> None:
        target = project / path
        new = f"{key}: {value}\n" if value else ""
        text, count = re.subn(rf"^{key}:.*\n", new, target.read_text(encoding="utf-8"), count=1, flags=re.M)
        assert count == 1, f"{key} not in {path}"
        target.write_text(text, encoding="utf-8")

    return breaker


def _with_condition_page(*edits: tuple[str, str]) -> Breaker:
    """Add the fixture condition page (in the nav), with text replacements."""

    def breaker(project: Path) -> None:
        text = (FIXTURES / "knee-pain.md").read_text(encoding="utf-8")
        text = text.replace("last_reviewed: 2026-11-24", f"last_reviewed: {REVIEWED}")  # as the home page
        text = text.replace("next_review: 2027-11-24", f"next_review: {DUE}")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        (project / KNEE).parent.mkdir(parents=True, exist_ok=True)
        (project / KNEE).write_text(text, encoding="utf-8")
        _replace("mkdocs.yml", "\nnav:\n", "\nnav:\n  - Knee pain: conditions/knee-pain.md\n")(project)

    return breaker


def _add_file(path: str, text: str) -> Breaker:
    def breaker(project: Path) -> None:
        (project / path).write_text(text, encoding="utf-8")

    return breaker


def _both(*breakers: Breaker) -> Breaker:
    def breaker(project: Path) -> None:
        for one in breakers:
            one(project)

    return breaker


HARD = (
    "Instrument-assisted soft tissue mobilisation purportedly facilitates fibroblastic proliferation, "
    "consequently ameliorating musculoskeletal dysfunction through mechanotransductive pathways that "
    "remain incompletely characterised in contemporary experimental investigations. "
) * 5
ARTICLE = (
    "@article{{{key},\n  author = {{Doe, Jane}},\n  title = {{A study}},\n"
    "  journal = {{J Tests}},\n  year = {{2020}}{extra}\n}}\n"
)
FM = {
    key: _line_of(INDEX, key + ":")
    for key in ("title", "description", "page_type", "last_reviewed", "next_review")
}

# The home page's review dates, whatever they are: the clock is set relative to them.
REVIEWED, DUE = (
    dt.date.fromisoformat(_lines(INDEX)[FM[key] - 1].split(":", 1)[1].strip())
    for key in ("last_reviewed", "next_review")
)
DUE_SOON = DUE - dt.timedelta(days=40)

# case -> (breaker, texts the build output must contain, environment)
CASES: dict[str, tuple[Breaker, list[str], dict[str, str]]] = {
    # ---- front matter
    "front matter: a required key missing": (
        _set_key(INDEX, "next_review", ""),
        [f"{INDEX}:1: front matter has no 'next_review'; add a line"],
        {},
    ),
    "front matter: description too long": (
        _set_key(INDEX, "description", "A description " * 12),
        [f"{INDEX}:{FM['description']}: description is 167 characters; shorten it to at most 160"],
        {},
    ),
    "front matter: unknown page type": (
        _set_key(INDEX, "page_type", "hme"),
        [f"{INDEX}:{FM['page_type']}: page_type 'hme' is not allowed; did you mean 'home'?"],
        {},
    ),
    "front matter: date not ISO": (
        _set_key(INDEX, "last_reviewed", "24/11/2026"),
        [f"{INDEX}:{FM['last_reviewed']}: 'last_reviewed' must be a real date written YYYY-MM-DD"],
        {},
    ),
    "front matter: next review before last review": (
        _set_key(INDEX, "next_review", "2026-01-01"),
        [f"{INDEX}:{FM['next_review']}: next_review 2026-01-01 is not after last_reviewed"],
        {},
    ),
    "front matter: review status not allowed": (
        _set_key(INDEX, "review_status", "approved"),
        ["review_status 'approved' is not allowed", "awaiting clinical review"],
        {},
    ),
    "front matter: misspelt key": (
        _set_key(INDEX, "title", "Home\nreveiwed_by: Dr Nobody"),
        [f"{INDEX}:{FM['title'] + 1}: unknown front matter key 'reveiwed_by'; did you mean 'reviewed_by'?"],
        {},
    ),
    "front matter: not valid YAML": (
        _set_key(INDEX, "title", "Scraping: what helps"),
        [f"{INDEX}:{FM['title']}: front matter is not valid YAML"],
        {},
    ),
    # ---- citations (the line number counts the front matter and the blank line after it)
    "citations: unknown key at its exact line": (
        _add(INDEX, "A claim with a made-up source [@nokey2020].\n"),
        [f"{INDEX}:{APPENDED}: unknown citation key 'nokey2020'"],
        {},
    ),
    # ---- references
    "reference: no DOI, PMID or URL": (
        _add("references.bib", ARTICLE.format(key="doe2020study", extra="")),
        [f"references.bib:{BIB_END}: entry 'doe2020study' has no doi, pmid or url"],
        {},
    ),
    "reference: malformed DOI": (
        _add("references.bib", ARTICLE.format(key="doe2020study", extra=",\n  doi = {doi:10.1000/x}")),
        [f"references.bib:{BIB_END}: entry 'doe2020study' doi 'doi:10.1000/x' is not a well-formed DOI"],
        {},
    ),
    "reference: required field missing": (
        _add(
            "references.bib",
            ARTICLE.replace("  journal = {{J Tests}},\n", "").format(
                key="doe2020study", extra=",\n  pmid = {123}"
            ),
        ),
        [f"references.bib:{BIB_END}: entry 'doe2020study' has no journal field"],
        {},
    ),
    "reference: same DOI twice": (
        _add(
            "references.bib",
            ARTICLE.format(key="doe2020study", extra=",\n  doi = {10.4085/1062-6050-481-17}"),
        ),
        [f"references.bib:{BIB_END}: entry 'doe2020study' has the same DOI as 'seffrin2019iastm'"],
        {},
    ),
    "reference: same key in another case": (
        _add("references.bib", ARTICLE.format(key="Seffrin2019iastm", extra=",\n  pmid = {123}")),
        [f"references.bib:{BIB_END}: duplicate BibTeX key 'Seffrin2019iastm'", "without regard to case"],
        {},
    ),
    # ---- sections
    "sections: a condition page without a required section": (
        _with_condition_page(("## What helps first\n", "## Dangers\n")),
        [
            f"{KNEE}:{KNEE_LINES.index('## What helps first') + 1}: '## Dangers' is not one of the sections",
            "a condition page needs the section '## What helps first'; add it after '## What usually happens",
        ],
        {},
    ),
    "sections: condition sections out of order": (
        _with_condition_page(
            ("## In short\n", "## What it is\n\nMoved.\n\n## In short\n"), ("## What it is\n\nKnee", "Knee")
        ),
        [f"{KNEE}:{KNEE_LINES.index('## In short') + 5}: '## In short' is out of order"],
        {},
    ),
    # ---- readability
    "readability: a paragraph far above the grade limit": (
        _add(INDEX, HARD),
        [
            f"{INDEX}:{APPENDED}: Flesch-Kincaid grade",
            "is above the limit of 8 for home pages",
            f"line {APPENDED} (grade",
        ],
        {},
    ),
    # ---- claims
    "claims: a banned phrase": (
        _add(INDEX, "Scraping flushes out toxins.\n"),
        [f"{INDEX}:{APPENDED}: 'flushes out' is a claim this site does not make", "'toxins' is a claim"],
        {},
    ),
    "claims: an allowed phrase outside quotes": (
        _both(
            _set_key(INDEX, "title", "Home\nclaims_allow: [cure]"),
            _add(INDEX, 'No "cure" here, and no cure.\n'),
        ),
        [f"{INDEX}:{APPENDED + 1}: 'cure' may appear on this page only inside straight double quotes"],
        {},
    ),
    "claims: a percentage without a citation": (
        _add(INDEX, "About 78% of people got better.\n"),
        [f"{INDEX}:{APPENDED}: '78%' has no source"],
        {},
    ),
    # ---- images
    "images: Markdown image with empty alt text": (
        _add(INDEX, "![](images/logo.svg)\n"),
        [f"{INDEX}:{APPENDED}: image images/logo.svg has empty alt text"],
        {},
    ),
    "images: raw img without alt": (
        _add(INDEX, '<img src="images/logo.svg">\n'),
        [f"{INDEX}:{APPENDED}: <img> has no alt text"],
        {},
    ),
    "images: SVG without a title": (
        _add_file(
            "docs/images/diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9"/></svg>\n'
        ),
        ["docs/images/diagram.svg:1: the SVG has no <title>"],
        {},
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_refuses_content_that_breaks_a_rule(case: str, tmp_path: Path) -> None:
    breaker, expected, env = CASES[case]
    assert_build_refuses(case, breaker, expected, tmp_path, build_in_process, **env)


@pytest.mark.slow
def test_the_unbroken_copy_builds_in_process(tmp_path: Path) -> None:
    """The in-process build used above passes when nothing is broken."""
    result = build_in_process(copy_project(tmp_path / "project"), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "readability: Flesch-Kincaid grade" in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.slow
def test_good_content_builds_and_soft_checks_report_without_failing(tmp_path: Path) -> None:
    """A full condition page passes every rule; a review due soon, an uncited reference and
    each page's readability figures are reported, and the build still passes."""
    project = copy_project(tmp_path / "project")
    _with_condition_page()(project)
    _add("references.bib", ARTICLE.format(key="doe2020study", extra=",\n  pmid = {123}"))(project)
    result = build(project, tmp_path / "site", IASTM_TODAY=DUE_SOON.isoformat())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "review dates: 0 page(s) overdue, " in output  # one summary (tests/faults/test_review_dates.py)
    assert f"  {INDEX}:{FM['next_review']}: due for review in 40 days ({DUE})" in output
    assert f"references.bib:{BIB_END}: entry 'doe2020study' is not cited on any page (reported" in output
    assert re.search(
        rf"{KNEE}: readability: Flesch-Kincaid grade \d+\.\d, Flesch Reading Ease \d+\.\d", output
    )
    assert "WARNING" not in output
    assert (tmp_path / "site" / "conditions" / "knee-pain" / "index.html").is_file()
