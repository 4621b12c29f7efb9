"""The built pages show the labels the rule gives, the same for a condition everywhere
it appears (home, conditions index, evidence page, its own page), and each condition
page lists and cites every study the data holds for it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pybtex.database import parse_file

from iastm_guide.evidence.data import load_studies
from iastm_guide.evidence.rule import condition_judgement, load_rule
from tests.helpers import ROOT

BADGE = re.compile(
    r'<span class="evidence-label evidence-label--(?P<css>[\w-]+)" data-evidence="(?P<subject>[^"]+)">'
    r"(?P<label>[^<]+)</span>"
)
CONDITIONS = sorted(p.stem for p in (ROOT / "docs" / "conditions").glob("*.md") if p.name != "index.md")
SHARED_PAGES = ("index.html", "conditions/index.html", "evidence/index.html")


def badges(html: str) -> list[tuple[str, str]]:
    """(subject, label) of every badge on a page."""
    found = []
    for match in BADGE.finditer(html):
        label = match.group("label")
        assert match.group("css") == re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-"), match.group(0)
        found.append((match.group("subject"), label))
    return found


def inconsistencies(pages: Iterable[tuple[str, str]]) -> list[str]:
    """Subjects shown with more than one label across (page name, html) pairs."""
    seen: dict[str, dict[str, list[str]]] = {}
    for name, html in pages:
        for subject, label in badges(html):
            seen.setdefault(subject, {}).setdefault(label, []).append(name)
    return [f"{subject}: {labels}" for subject, labels in sorted(seen.items()) if len(labels) > 1]


def _pages(site: Path) -> dict[str, str]:
    names = [*SHARED_PAGES, *(f"conditions/{slug}/index.html" for slug in CONDITIONS)]
    return {name: (site / name).read_text(encoding="utf-8") for name in names}


def expected_labels() -> dict[str, str]:
    """The rule applied to the data directly, without the site."""
    bib = parse_file(str(ROOT / "references.bib")).entries
    evidence = load_studies(ROOT / "evidence" / "studies.yml", set(bib), set(CONDITIONS))
    rule = load_rule(ROOT / "content-rules.yml")
    return {slug: condition_judgement(rule, evidence.studies, slug).label for slug in CONDITIONS}


def test_each_condition_carries_the_same_label_on_every_page(site: Path) -> None:
    pages = _pages(site)
    assert inconsistencies(pages.items()) == []
    expected = expected_labels()
    for slug in CONDITIONS:
        where = {
            "its own page": pages[f"conditions/{slug}/index.html"],
            "the conditions index": pages["conditions/index.html"],
            "the evidence page": pages["evidence/index.html"],
        }
        for name, html in where.items():
            labels = {label for subject, label in badges(html) if subject == slug}
            assert labels == {expected[slug]}, f"{slug} on {name}: {labels}, the rule gives {expected[slug]}"
    home = {subject: label for subject, label in badges(pages["index.html"])}
    assert home, "the home page shows no condition label"
    for subject, label in home.items():
        if not subject.startswith("outcome:"):
            assert label == expected[subject], f"{subject} on the home page"


def test_the_consistency_check_itself_catches_a_label_that_differs() -> None:
    same = '<span class="evidence-label evidence-label--low" data-evidence="neck-pain">Low</span>'
    other = '<span class="evidence-label evidence-label--very-low" data-evidence="neck-pain">Very low</span>'
    assert inconsistencies([("a", same), ("b", same)]) == []
    assert inconsistencies([("a", same), ("b", other)]) == ["neck-pain: {'Low': ['a'], 'Very low': ['b']}"]


def test_each_condition_page_lists_and_cites_every_study_for_it(site: Path) -> None:
    bib = parse_file(str(ROOT / "references.bib")).entries
    evidence = load_studies(ROOT / "evidence" / "studies.yml", set(bib), set(CONDITIONS))
    for slug in CONDITIONS:
        html = (site / "conditions" / slug / "index.html").read_text(encoding="utf-8")
        assert 'id="every-study-we-found"' in html, slug
        table = html[html.index('id="every-study-we-found"') :]
        # The table, or the sentence that stands for it: the block ends at its </div>.
        table = (
            table[: table.index("</table>") + 8]
            if "<table>" in table[:2000]
            else table[: table.index("</div>")]
        )
        for study in evidence.studies:
            cited = f'href="#fn:{study.key}"' in table
            assert cited == (slug in study.conditions), f"{slug}: {study.key} cited in its table: {cited}"
            if slug in study.conditions:
                assert f'id="fn:{study.key}"' in html, f"{slug}: {study.key} missing from the reference list"


def test_the_evidence_page_has_the_map_and_a_row_for_every_condition(site: Path) -> None:
    html = (site / "evidence" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg viewBox[^>]*class=\"evidence-map\".*?</svg>", html, re.DOTALL)
    assert svg, "no evidence map"
    assert '<title id="evidence-map-title">' in svg.group(0) and "style=" not in svg.group(0)
    table = html[html.index('id="by-condition"') :]
    table = table[: table.index("</table>")]
    for slug in CONDITIONS:
        assert f'data-evidence="{slug}"' in table and f'href="../conditions/{slug}/"' in table, slug
