"""The evidence data's bad-input cases: each breaks a copy of the site one way, and the
strict build must fail naming the file and the line (iastm_guide/build/evidence.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.test_bad_input import Breaker, assert_build_refuses
from tests.helpers import ROOT, build_in_process, copy_project

STUDIES = "evidence/studies.yml"


def _line(path: str, text: str) -> int:
    """The line of `text` in the project's real file (the copy's line is the same)."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _replace(path: str, old: str, new: str) -> Breaker:
    def breaker(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not found in {path}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return breaker


def _after_record(key: str, field: str) -> int:
    """The line of `field` in the record of `key` in the real studies file."""
    lines = (ROOT / STUDIES).read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line == f"- key: {key}")
    return next(n for n, line in enumerate(lines[start:], start + 1) if line.startswith(f"  {field}:"))


def _broken_search_log(project: Path) -> None:
    log = (ROOT / "tests" / "fixtures" / "search-log.yml").read_text(encoding="utf-8")
    (project / "evidence" / "search-log.yml").write_text(
        log.replace("records_screened: 10\n", "records_screened: 12\n", 1), encoding="utf-8"
    )


def _fixture_line(text: str) -> int:
    lines = (ROOT / "tests" / "fixtures" / "search-log.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


CASES: dict[str, tuple[Callable[[], Breaker], Callable[[], list[str]]]] = {
    "a malformed record": (
        lambda: _replace(STUDIES, "  design: pilot RCT\n", "  design: pilot RCT\n people: 11\n"),
        lambda: [f"{STUDIES}:{_after_record('jones2019plantar', 'design') + 1}: not valid YAML"],
    ),
    "an unknown design": (
        lambda: _replace(STUDIES, "  design: pilot RCT\n", "  design: pilot\n"),
        lambda: [
            f"{STUDIES}:{_after_record('jones2019plantar', 'design')}: study 'jones2019plantar': design "
            "'pilot' is not allowed; use one of: systematic review, RCT, pilot RCT"
        ],
    ),
    "a bib key not in references.bib": (
        lambda: _replace(STUDIES, "- key: burke2007pilot\n", "- key: burke2008pilot\n"),
        lambda: [
            f"{STUDIES}:{_line(STUDIES, '- key: burke2007pilot')}: study 'burke2008pilot': "
            "key 'burke2008pilot' is not in references.bib; did you mean 'burke2007pilot'?"
        ],
    ),
    "a condition slug with no page": (
        lambda: _replace(STUDIES, "conditions: [tennis-elbow]", "conditions: [tennis-elbo]"),
        lambda: [
            f"{STUDIES}:{_after_record('sevier2015astym', 'conditions')}: study 'sevier2015astym': condition "
            "'tennis-elbo' has no page docs/conditions/tennis-elbo.md; did you mean 'tennis-elbow'?"
        ],
    ),
    "an unknown marker": (
        lambda: _replace("docs/evidence.md", "[[conditions-table]]", "[[condition-table]]"),
        lambda: [
            f"docs/evidence.md:{_line('docs/evidence.md', '[[conditions-table]]')}: unknown marker "
            "'condition-table'; did you mean 'conditions-table'?"
        ],
    ),
    "a label marker for a condition with no page": (
        lambda: _replace("docs/conditions/index.md", "[[label: neck-pain]]", "[[label: neck]]"),
        lambda: [
            f"docs/conditions/index.md:{_line('docs/conditions/index.md', '[[label: neck-pain]]')}: 'neck' "
            "has no page docs/conditions/neck.md; did you mean 'neck-pain'?"
        ],
    ),
    "a condition page without its table of studies": (
        lambda: _replace("docs/conditions/scars.md", "[[studies: scars]]", ""),
        lambda: [
            "docs/conditions/scars.md:1: a condition page shows every study we found from the study data"
        ],
    ),
    "a rule setting of the wrong type": (
        lambda: _replace("content-rules.yml", "few_people: 400", "few_people: four hundred"),
        lambda: [
            f"content-rules.yml:{_line('content-rules.yml', 'few_people: 400')}: evidence_labels: "
            "imprecision.few_people must be a whole number"
        ],
    ),
    "search-log counts that do not add up": (
        lambda: _broken_search_log,
        lambda: [
            f"evidence/search-log.yml:{_fixture_line('records_screened: 10')}: question 'plantar-heel-pain': "
            "records_screened is 12, but records_identified - duplicates_removed = 14 - 4 = 10"
        ],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_build_refuses_bad_evidence_with_file_and_line(case: str, tmp_path: Path) -> None:
    breaker, expected = CASES[case]
    assert_build_refuses(case, breaker(), expected(), tmp_path, build_in_process)


def test_the_same_copy_builds_when_nothing_is_broken(tmp_path: Path) -> None:
    """The control: the copies above fail because of what was broken, not the copying."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "tests" / "fixtures" / "search-log.yml", project / "evidence" / "search-log.yml")
    result = build_in_process(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
