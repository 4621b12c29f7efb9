"""Markers expand to what the data says; bad markers are refused with file and line;
the evidence map and the flow diagram are accessible, CSP-safe, reproducible and cached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iastm_guide.evidence import EvidenceError, chart, markers, prisma
from iastm_guide.evidence.data import Evidence, load_search_log
from iastm_guide.evidence.render import Condition, badge, relative, studies_table
from tests.helpers import ROOT
from tests.unit.evidence.helpers import rule, study

KNEE = Condition("knee-pain", "Knee pain (runner's knee)")
HEEL = Condition("heel-pain", "Heel pain")
TRIALS = (
    study("a2020trial"),
    study("b2021trial"),
    study("heel2019", conditions=["heel-pain"], people=11, blinded=["not reported"]),
    study("rat1997", design="animal", conditions=["heel-pain"], people=20, people_note="rats"),
)
SITE = markers.Site(rule(), Evidence(TRIALS), (KNEE, HEEL), {"a2020trial": "2020", "heel2019": "2019"})


def expand(text: str, page: str = "conditions/heel-pain.md", offset: int = 0) -> str:
    return markers.expand(text, SITE, page, f"docs/{page}", offset)


def refused(text: str, offset: int = 0) -> list[str]:
    with pytest.raises(EvidenceError) as caught:
        expand(text, offset=offset)
    return caught.value.problems


def test_a_label_marker_becomes_the_rule_derived_badge() -> None:
    out = expand("Evidence strength: [[label: knee-pain]]. And [[label:heel-pain]].")
    assert out == (f"Evidence strength: {badge('High', 'knee-pain')}. And {badge('Very low', 'heel-pain')}.")
    assert 'class="evidence-label evidence-label--very-low" data-evidence="heel-pain">Very low</span>' in out


def test_an_outcome_label_marker_uses_the_outcome_rule() -> None:
    assert expand("[[outcome-label: pain]]") == badge("High", "outcome:pain")


def test_every_study_table_lists_the_condition_studies_and_cites_each() -> None:
    out = expand("Intro.\n\n[[studies: heel-pain]]\n\nAfter.\n")
    assert out.startswith(
        'Intro.\n\n<div class="evidence-studies" markdown>\n\n### Every study we found\n\n| Study |'
    )
    assert "[@heel2019]" in out and "[@rat1997]" in out and "[@a2020trial]" not in out
    assert "| Pilot randomised trial" not in out  # heel2019 is an RCT in this data
    assert "| Randomised trial, 2019 [@heel2019] | 11 | Sham IASTM with exercise | Not reported |" in out
    assert "| Animal study [@rat1997] | 20 (rats) |" in out
    assert out.rstrip().endswith("|\n\n</div>\n\nAfter.")


def test_a_condition_without_studies_says_so() -> None:
    table = studies_table((), "knee-pain", {})
    assert "We found no studies of IASTM or gua sha for this problem." in table


def test_data_text_is_escaped_in_tables() -> None:
    odd = study("x", result="<b>more</b> | less & better")
    table = studies_table((odd,), "knee-pain", {})
    assert "&lt;b&gt;more&lt;/b&gt; \\| less &amp; better" in table


def test_a_block_marker_keeps_the_indentation_of_its_line() -> None:
    out = expand("!!! note\n    [[studies: knee-pain]]\n")
    assert out.startswith(
        '!!! note\n    <div class="evidence-studies" markdown>\n\n'
        "    ### Every study we found\n\n    | Study |"
    )


def test_the_conditions_table_links_each_page_relative_to_the_page_it_is_on() -> None:
    out = expand("[[conditions-table]]", page="evidence.md")
    rows = [line for line in out.splitlines() if line.startswith("| [")]
    assert rows[0].startswith(
        f"| [Knee pain](conditions/knee-pain.md) | {badge('High', 'knee-pain')} | Two trials"
    )
    assert rows[1].startswith(f"| [Heel pain](conditions/heel-pain.md) | {badge('Very low', 'heel-pain')} |")
    assert "also one animal study" in rows[1] and "[@" not in rows[1]  # cited on the condition page
    assert relative("conditions/index.md", "conditions/knee-pain.md") == "knee-pain.md"


def test_the_rule_marker_writes_the_rule_from_its_settings() -> None:
    out = expand("[[label-rule]]")
    assert "fewer than 400 people in all; two levels when there were fewer than 100" in out
    assert out.count("\n1. ") + out.startswith("1. ") == 1 and "\n6. Never lower than Very low." in out


def test_markers_in_code_and_comments_are_left_as_written() -> None:
    text = "Write `[[label: nowhere]]` like this:\n\n```\n[[studies: nowhere]]\n```\n<!-- [[nope]] -->\n"
    assert expand(text) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[lable: knee-pain]]",
            "unknown marker 'lable'; did you mean 'label'?; use one of: label, outcome-label",
        ),
        ("[[label: knee]]", "'knee' has no page docs/conditions/knee.md; did you mean 'knee-pain'?"),
        ("[[studies: ankle-pain]]", "'ankle-pain' has no page docs/conditions/ankle-pain.md"),
        ("[[label]]", "the marker 'label' needs an argument: [[label: ...]]"),
        (
            "[[evidence-map: knee-pain]]",
            "the marker 'evidence-map' takes no argument: write [[evidence-map]]",
        ),
        (
            "[[outcome-label: stiffness]]",
            "'stiffness' is not an outcome in content-rules.yml; use one of: pain",
        ),
        (
            "Text then [[studies: knee-pain]]",
            "the marker 'studies' makes a block: put it on a line of its own",
        ),
        (
            "[[Label: knee-pain]]",
            "'[[Label: knee-pain]]' is not a marker; write [[name]] or [[name: argument]]",
        ),
        ("[[search-flow]]", "there is no evidence/search-log.yml to draw the search from"),
    ],
)
def test_a_bad_marker_is_refused_with_file_and_line(text: str, message: str) -> None:
    problems = refused("# Title\n\nSome text.\n\n" + text + "\n", offset=7)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/conditions/heel-pain.md:{5 + 7}: {message}"), problems[0]


def test_every_bad_marker_of_a_page_is_reported_at_once() -> None:
    problems = refused("[[nope]]\n\n[[label: nowhere]]\n")
    assert [p.split(":")[1] for p in problems] == ["1", "3"]


def test_markers_in_lists_what_a_page_asks_for() -> None:
    found = markers.markers_in("[[label: a]] `[[label: b]]` [[evidence-map]]")
    assert list(found) == [("label", "a"), ("evidence-map", None)]


# ---------------------------------------------------------------- the evidence map


def _map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path))
    monkeypatch.setattr(chart, "_memory", {})
    return markers.map_figure(SITE)


def test_the_evidence_map_is_an_accessible_csp_safe_svg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = _map(tmp_path, monkeypatch)
    svg = re.search(r"<svg.*?</svg>", figure, re.DOTALL)
    assert svg, figure
    text = svg.group(0)
    opening = r'<svg viewBox="[\d. ]+" class="evidence-map" role="img" aria-labelledby="evidence-map-title"'
    assert re.match(opening + ' aria-describedby="evidence-map-desc">', text)
    assert '<title id="evidence-map-title">Evidence map' in text and '<desc id="evidence-map-desc">' in text
    for forbidden in ("style=", "<style", "<script", "javascript:", "#000001", "<metadata"):
        assert forbidden not in text, forbidden
    assert not re.search(r"\son\w+=|\s(?:width|height)=", text)  # no handlers; scaled by its viewBox
    assert set(re.findall(r'class="([\w-]+)"', text)) == {"evidence-map", "em-dot", "em-on-dot"}
    assert set(re.findall(r'(?:fill|stroke)="([^"]+)"', text)) == {
        "currentColor",
        "none",
    }  # the page's colour
    # rows in the table's order (strongest label first), numbers as text
    names = re.findall(r'text-anchor="end" fill="currentColor">([^<]+)<', text)
    assert names == ["Knee pain", "Heel pain"]
    numbers = re.findall(r'font-weight="700"[^>]*class="em-on-dot">(\d+)<', text)
    assert numbers == ["2", "1", "1"]
    assert figure.startswith('<figure class="evidence-figure">') and "<figcaption>" in figure


def test_the_evidence_map_is_the_same_bytes_every_time_and_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _map(tmp_path, monkeypatch)
    cached = list((tmp_path / "evidence-map").glob("*.svg"))
    assert len(cached) == 1
    monkeypatch.setattr(chart, "_memory", {})
    cached[0].unlink()
    assert _map(tmp_path, monkeypatch) == first  # drawn again from scratch: identical

    def fail(grid: chart.Grid) -> str:
        raise AssertionError("drawn again although cached")

    monkeypatch.setattr(chart, "draw", fail)
    monkeypatch.setattr(chart, "_memory", {})
    assert _map(tmp_path, monkeypatch) == first  # from the disk cache
    assert markers.map_figure(SITE) == first  # from memory


def test_a_change_in_the_data_draws_a_new_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _map(tmp_path, monkeypatch)
    more = markers.Site(rule(), Evidence((*TRIALS, study("c2022trial"))), (KNEE, HEEL))
    assert markers.map_figure(more) != first
    assert len(list((tmp_path / "evidence-map").glob("*.svg"))) == 2


# ---------------------------------------------------------------- the search flow


LOGGED = Evidence((*TRIALS, study("jones2019plantar"), study("sevier2015astym")))


def test_the_flow_diagram_adds_up_the_search_log_and_says_it_in_words() -> None:
    evidence = load_search_log(ROOT / "tests" / "fixtures" / "search-log.yml", LOGGED)
    f = prisma.flow(evidence.questions)
    assert (f.identified, f.duplicates, f.screened, f.excluded_screening) == (20, 5, 15, 9)
    assert (f.full_text, f.excluded_full_text, f.included, f.studies) == (6, 4, 2, 2)
    assert f.reasons[0] == ("healthy volunteers only", 2)
    svg = prisma.diagram(f)
    assert 'role="img" aria-labelledby="prisma-flow-title" aria-describedby="prisma-flow-desc"' in svg
    numbers = re.findall(r'font-size="14" font-weight="700">(\d+)<', svg)
    assert numbers == ["20", "5", "15", "9", "6", "4", "2"]
    assert "style=" not in svg and "<script" not in svg and "class=" not in svg.split(">", 1)[1]
    assert 'fill="currentColor"' in svg and "#" not in svg.replace('"#', "")
    assert "Searching found 20 records. 5 duplicates were removed" in prisma.describe(f)


def test_the_search_flow_marker_draws_the_figure_and_lists_the_reasons() -> None:
    evidence = load_search_log(ROOT / "tests" / "fixtures" / "search-log.yml", LOGGED)
    site = markers.Site(rule(), evidence, (KNEE, HEEL))
    out = markers.expand("[[search-flow]]\n", site, "evidence.md")
    assert out.startswith('<figure class="evidence-figure">\n<svg')
    assert "- healthy volunteers only: 2" in out and "- single session: 1" in out
