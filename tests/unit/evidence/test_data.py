"""The study data and the search log: the real files load; each kind of bad record is
refused with one line naming the file, the line, the record and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file

from iastm_guide.evidence import EvidenceError
from iastm_guide.evidence.data import check_search_log, check_studies, load_search_log, load_studies, parse
from iastm_guide.evidence.schema import parse_certainty
from tests.helpers import ROOT

STUDIES = ROOT / "evidence" / "studies.yml"
FIXTURE_LOG = ROOT / "tests" / "fixtures" / "search-log.yml"
BIB = set(parse_file(str(ROOT / "references.bib")).entries)
PAGES = {p.stem for p in (ROOT / "docs" / "conditions").glob("*.md") if p.name != "index.md"}
NAME = "evidence/studies.yml"

GOOD = """\
- key: jones2019plantar
  design: pilot RCT
  conditions: [plantar-heel-pain]
  population: "people with plantar heel pain"
  healthy_volunteers: false
  people: 11
  people_note: ""
  intervention: "Graston IASTM added to exercise"
  tool: "Graston"
  comparator: "the same exercise"
  comparator_type: usual care
  blinded: [not reported]
  sessions: "up to 8 visits"
  follow_up: "90 days"
  outcomes: "pain and function"
  result: "both groups improved"
  direction: no clear difference
  effect: ""
  risk_of_bias: "pilot"
  funding: not stated in the record read
  conflicts: not stated in the record read
  funding_read_in: ""
  source_read: abstract only
  checked: 2026-11-24
"""


def refuse(text: str) -> list[str]:
    with pytest.raises(EvidenceError) as caught:
        check_studies(parse(text, NAME), BIB, PAGES)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_real_study_data_loads_and_every_record_is_checked() -> None:
    evidence = load_studies(STUDIES, BIB, PAGES)
    keys = [s.key for s in evidence.studies]
    assert len(keys) == len(set(keys)) >= 6
    raw = yaml.safe_load(STUDIES.read_text(encoding="utf-8"))
    assert keys == [record["key"] for record in raw]


def test_a_good_record_loads() -> None:
    (study,) = check_studies(parse(GOOD, NAME), BIB, PAGES).studies
    assert study.key == "jones2019plantar" and study.people == 11


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "design: pilot RCT",
            "design: pilot",
            "study 'jones2019plantar': design 'pilot' is not allowed; use one of: systematic review, RCT, "
            "pilot RCT, non-randomised, case series, laboratory, animal",
        ),
        (
            "conditions: [plantar-heel-pain]",
            "conditions: [plantar-fasciitis]",
            "study 'jones2019plantar': condition 'plantar-fasciitis' has no page "
            "docs/conditions/plantar-fasciitis.md",
        ),
        ("people: 11", 'people: "11"', "study 'jones2019plantar': people must be a whole number, not '11'"),
        ("people: 11", "people: 0", "study 'jones2019plantar': people must be at least 1, not 0"),
        (
            'follow_up: "90 days"',
            "follow_up: 90",
            "study 'jones2019plantar': follow_up must be text (put it in quotes if it looks like a number",
        ),
        (
            "checked: 2026-11-24",
            'checked: "2026-11-24"',
            "study 'jones2019plantar': checked must be a date written YYYY-MM-DD, without quotes",
        ),
        (
            "healthy_volunteers: false",
            "healthy_volunteers: no way",
            "study 'jones2019plantar': healthy_volunteers must be true or false, not 'no way'",
        ),
        (
            "blinded: [not reported]",
            "blinded: [nobody]",
            "study 'jones2019plantar': blinded 'nobody' is not allowed; use one of: participants, "
            "therapists, "
            "outcome assessors, not reported",
        ),
        ('tool: "Graston"', 'tool: "  "', "study 'jones2019plantar': tool must not be empty"),
        (
            "source_read: abstract only",
            "source_read: skimmed",
            "study 'jones2019plantar': source_read 'skimmed' is not allowed; "
            "use one of: full text, abstract only",
        ),
        (
            'effect: ""',
            'effect: ""\n  colour: red',
            "study 'jones2019plantar': unknown field 'colour'; remove it or fix its spelling",
        ),
    ],
)
def test_a_bad_field_is_refused_on_its_own_line(old: str, new: str, message: str) -> None:
    text = GOOD.replace(old, new)
    (problem,) = refuse(text)
    needle = new.split("\n")[-1].strip()
    assert problem.startswith(f"{NAME}:{line_of(text, needle)}: {message}"), problem


def test_a_key_not_in_references_bib_is_refused_with_the_nearest_key() -> None:
    (problem,) = refuse(GOOD.replace("key: jones2019plantar", "key: jones2019plantr"))
    assert problem.startswith(
        f"{NAME}:1: study 'jones2019plantr': key 'jones2019plantr' is not in references.bib"
    )
    assert "did you mean 'jones2019plantar'?" in problem


def test_missing_fields_are_named_in_one_line() -> None:
    text = GOOD.replace('  tool: "Graston"\n', "").replace('  sessions: "up to 8 visits"\n', "")
    (problem,) = refuse(text)
    assert problem == (
        f"{NAME}:1: study 'jones2019plantar': 'tool', 'sessions' are missing; add them "
        "(the fields are listed in evidence/README.md)"
    )


TOOL = 'tool: "Graston"'


def test_a_key_twice_in_one_record_is_refused() -> None:
    text = GOOD.replace('  tool: "Graston"\n', '  tool: "Graston"\n  tool: "HawkGrips"\n')
    (problem,) = refuse(text)
    assert problem == (
        f"{NAME}:{line_of(text, 'HawkGrips')}: 'tool' appears twice in one record "
        f"(first at line {line_of(text, TOOL)}); keep one of them"
    )


def test_the_same_study_twice_is_refused() -> None:
    (problem,) = refuse(GOOD + GOOD)
    second = GOOD.count("\n") + 1
    assert (
        problem
        == f"{NAME}:{second}: study 'jones2019plantar' appears twice (first at line 1); merge the two records"
    )


def test_yaml_that_cannot_be_read_names_its_line() -> None:
    text = GOOD.replace('  tool: "Graston"', '  tool: "Graston')
    (problem,) = refuse(text)
    assert problem.startswith(f"{NAME}:") and "not valid YAML" in problem
    assert int(problem.split(":")[1]) >= line_of(text, 'tool: "Graston')


def test_a_file_that_is_not_a_list_is_refused() -> None:
    (problem,) = refuse("key: jones2019plantar\n")
    assert problem == f"{NAME}:1: the file must be a list of records, each starting with '- '"


def test_a_review_needs_trials_and_certainty_and_a_trial_may_not_have_them() -> None:
    (problem,) = refuse(GOOD.replace("design: pilot RCT", "design: systematic review"))
    assert "a systematic review needs 'trials'" in problem
    (problem,) = refuse(GOOD + "  trials: 3\n")
    assert "'trials' and 'certainty' are for systematic reviews only, and this is a pilot RCT" in problem


def test_a_review_certainty_must_be_readable() -> None:
    review = GOOD.replace("design: pilot RCT", "design: systematic review") + "  trials: 3\n"
    assert check_studies(
        parse(review + '  certainty: "pain: moderate (GRADE); function: low"\n', NAME), BIB, PAGES
    )
    (problem,) = refuse(review + '  certainty: "pain is fairly sure"\n')
    assert "certainty item 'pain is fairly sure' cannot be read" in problem


def test_certainty_items_parse_to_the_weaker_and_stronger_levels() -> None:
    assert parse_certainty("pain: moderate (GRADE); function: low") == [("pain", 1, 1), ("function", 2, 2)]
    assert parse_certainty("range of motion: very low to low") == [("range of motion", 3, 2)]
    assert parse_certainty("pain: not rated; function: high") == [("function", 0, 0)]
    assert parse_certainty("") == [] and parse_certainty("not rated") == []


def test_blinded_not_reported_stands_alone() -> None:
    (problem,) = refuse(GOOD.replace("blinded: [not reported]", "blinded: [not reported, participants]"))
    assert "blinded: 'not reported' cannot stand with others" in problem


def test_a_stated_funding_needs_the_address_it_was_read_at() -> None:
    text = GOOD.replace("funding: not stated in the record read", 'funding: "A grant from X"')
    (problem,) = refuse(text)
    assert "funding_read_in must be the address (https://...)" in problem
    ok = text.replace('funding_read_in: ""', 'funding_read_in: "https://example.org/paper"')
    assert check_studies(parse(ok, NAME), BIB, PAGES)


# ---------------------------------------------------------------- the search log


def evidence() -> object:
    return load_studies(STUDIES, BIB, PAGES)


def test_the_fixture_search_log_loads_and_adds_up() -> None:
    loaded = load_search_log(FIXTURE_LOG, evidence())  # type: ignore[arg-type]
    assert [q.id for q in loaded.questions] == ["plantar-heel-pain", "tennis-elbow"]
    assert loaded.studies  # the studies come along


def test_no_search_log_yet_is_allowed() -> None:
    ev = evidence()
    assert load_search_log(ROOT / "evidence" / "no-such-log.yml", ev) is ev  # type: ignore[arg-type]


LOG = FIXTURE_LOG.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (  # duplicates changed too, so that only the first count is wrong
            "records_identified: 14\n  duplicates_removed: 4",
            "records_identified: 15\n  duplicates_removed: 5",
            "records_identified: 15",
            "question 'plantar-heel-pain': records_identified is 15, but the searches' results add up to 14",
        ),
        (
            "records_screened: 10\n  excluded_on_screening: 7",
            "records_screened: 11\n  excluded_on_screening: 8",
            "records_screened: 11",
            "question 'plantar-heel-pain': records_screened is 11, but records_identified - "
            "duplicates_removed = 14 - 4 = 10; the counts must add up "
            "(records_screened = records_identified - duplicates_removed)",
        ),
        (
            "excluded_on_screening: 7",
            "excluded_on_screening: 6",
            "full_text_assessed: 3",
            "question 'plantar-heel-pain': full_text_assessed is 3, but records_screened - "
            "excluded_on_screening = 10 - 6 = 4",
        ),
        (
            "included: [jones2019plantar]",
            "included: [jones2019plantar, burke2007pilot]",
            "included: [jones2019plantar, burke2007pilot]",
            "question 'plantar-heel-pain': included is 2 keys, but full_text_assessed - the "
            "excluded_after_full_text entries = 3 - 2 = 1",
        ),
        (
            "included: [jones2019plantar]",
            "included: [jones2019plantr]",
            "included: [jones2019plantr]",
            "question 'plantar-heel-pain': included 'jones2019plantr' has no record in evidence/studies.yml; "
            "did you mean 'jones2019plantar'?",
        ),
        (
            "      results: 5\n      relevant: 1",
            "      results: 5\n      relevant: 6",
            "relevant: 6",
            "question 'plantar-heel-pain': relevant (6) is more than results (5)",
        ),
    ],
)
def test_search_log_counts_must_add_up(old: str, new: str, needle: str, message: str) -> None:
    assert old in LOG
    text = LOG.replace(old, new, 1)
    with pytest.raises(EvidenceError) as caught:
        check_search_log(parse(text, "evidence/search-log.yml"), evidence())  # type: ignore[arg-type]
    problems = caught.value.problems
    assert len(problems) == 1, problems
    lines = text.splitlines()
    line = next(n for n, text_line in enumerate(lines, 1) if needle in text_line)
    if needle.startswith("relevant"):  # a check of the whole search: reported at its first line
        line = max(n for n, text_line in enumerate(lines[:line], 1) if "- date:" in text_line)
    assert problems[0].startswith(f"evidence/search-log.yml:{line}: {message}"), problems[0]


def test_a_missing_studies_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match=r"evidence/studies\.yml: the study data file is missing"):
        load_studies(tmp_path / "studies.yml", BIB, PAGES)
