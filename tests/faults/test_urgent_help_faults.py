"""Urgent help (issue 14): a copy of the site broken one way at a time. The strict build
fails with one line naming the file and line, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, _append, _replace, assert_build_refuses
from tests.helpers import ROOT, build, build_in_process, copy_project

HEEL = "docs/conditions/plantar-heel-pain.md"
DATA = "urgent-help.yml"
SECTION = "## When to get medical help urgently\n\n"


def _lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


def _line(path: str, text: str, after: str = "") -> int:
    """1-based line of the first line equal to `text` (after the first line equal to `after`)."""
    lines = _lines(path)
    start = lines.index(after) if after else 0
    return lines.index(text, start) + 1


def _remove(path: str) -> Breaker:
    def breaker(project: Path) -> None:
        (project / path).unlink()

    return breaker


BLOCK = _line(HEEL, "/// urgent-help")
SECTION_LINE = _line(HEEL, SECTION.strip())
INDEX_END = len(_lines("docs/index.md")) + 2
CALF = _line(DATA, "  - id: calf-clot")
TWIN = """  - id: leg-clot
    says: your calf hurts and is swollen
    level: emergency
    conditions: [after-treatment]
    sources: [nhs_dvt]
    detect: [calf + hurts]
"""

CASES: dict[str, tuple[Breaker, list[str]]] = {
    # ---- pages
    "a sign typed by hand on a condition page": (
        _replace(HEEL, SECTION, SECTION + "If your calf is swollen and warm, call 999.\n\n"),
        [f"{HEEL}:{SECTION_LINE + 2}: this text words the warning sign 'calf-clot' ({DATA}:{CALF}) by hand"],
    ),
    "a level's advice typed by hand on any page": (
        _append("docs/index.md", "\nCall 999 if you feel faint after a session.\n"),
        [
            f"docs/index.md:{INDEX_END}: this text gives urgent advice by hand ('call 999', the emergency "
            "level)"
        ],
    ),
    "an unknown sign id in a block": (
        _replace(HEEL, "calf-clot\n", "calf-clott\n"),
        [
            f"{HEEL}:{_line(HEEL, 'calf-clot')}: 'calf-clott' is not a warning sign in {DATA} "
            "(did you mean 'calf-clot'?)"
        ],
    ),
    "an unknown level in a block": (
        _replace(HEEL, "/// urgent-help\n", "/// urgent-help | urgent\n"),
        [f"{HEEL}:{BLOCK}: 'urgent' is not a level; use emergency, same-day, soon"],
    ),
    "a sign the data file does not give for the condition": (
        _replace(HEEL, "/// urgent-help\n", "/// urgent-help\nsaddle-numbness\n"),
        [f"{HEEL}:{BLOCK}: sign 'saddle-numbness' is not given for 'plantar-heel-pain' in {DATA}:"],
    ),
    "a condition page missing one of its signs": (
        _replace(HEEL, "night-pain\n", ""),
        [f"{HEEL}:{BLOCK}: sign 'night-pain' applies to 'plantar-heel-pain' ({DATA}:"],
    ),
    "a condition page without a block": (
        _replace(HEEL, "/// urgent-help\n", "/// nothing\n"),
        [f"{HEEL}:{SECTION_LINE}: a condition page needs its urgent advice from {DATA}"],
    ),
    "a block that is not closed": (
        _replace(HEEL, "foot-numbness\n///\n", "foot-numbness\n"),
        [f"{HEEL}:{BLOCK}: the '/// urgent-help' block is not closed"],
    ),
    # ---- the data file
    "data: not valid YAML": (
        _replace(DATA, "  - id: calf-clot\n", "  - id: calf-clot\n   bad: [\n"),
        [f"{DATA}:{CALF + 1}: not valid YAML"],
    ),
    "data: a missing field": (
        _replace(DATA, "    says: you have had cancer before\n", ""),
        [f"{DATA}:{_line(DATA, '  - id: cancer-history')}: sign 'cancer-history' has no 'says'; add it"],
    ),
    "data: the same id twice": (
        _replace(DATA, "  - id: large-bruise\n", "  - id: bruises-elsewhere\n"),
        [f"{DATA}:{_line(DATA, '  - id: bruises-elsewhere')}: sign id 'bruises-elsewhere' is used twice"],
    ),
    "data: one sign at two levels": (
        _append(DATA, TWIN),
        [
            f"{DATA}:{len(_lines(DATA)) + 1}: sign 'leg-clot' reads as sign 'calf-clot' ",
            "one sign defined at two levels (emergency and same-day)",
        ],
    ),
    "data: an unknown level": (
        _replace(DATA, "    level: soon\n", "    level: later\n"),
        [f"{DATA}:{_line(DATA, '    level: soon')}: sign ", "'later' is not a level; use emergency"],
    ),
    "data: a source not in references.bib": (
        _replace(DATA, "    sources: [nhs_dvt]\n", "    sources: [nhs_dvtt]\n"),
        [f"{DATA}:{_line(DATA, '    sources: [nhs_dvt]')}: sign 'chest-pain-or-breathless' cites 'nhs_dvtt'"],
    ),
    "data: a condition with no page": (
        _replace(DATA, "    conditions: [plantar-heel-pain]\n", "    conditions: [plantar-heal-pain]\n"),
        [
            f"{DATA}:{_line(DATA, '    conditions: [plantar-heel-pain]')}: sign 'diabetes-foot' names the "
            "condition 'plantar-heal-pain', but there is no page docs/conditions/plantar-heal-pain.md"
        ],
    ),
    "data: the file is missing": (_remove(DATA), [f"{DATA}:1: cannot be read"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_refuses_urgent_advice_outside_the_rule(case: str, tmp_path: Path) -> None:
    breaker, expected = CASES[case]
    assert_build_refuses(case, breaker, expected, tmp_path, build_in_process)


@pytest.mark.slow
def test_a_broken_data_file_gives_no_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(DATA, "  - id: calf-clot\n", "  - id: calf-clot\n   bad: [\n")(project)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(rf"ERROR +- +{re.escape(DATA)}:{CALF + 1}: not valid YAML", result.stderr), result.stderr
