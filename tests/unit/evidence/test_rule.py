"""The evidence-label rule on crafted records: every step up and down, and each edge."""

from __future__ import annotations

from pathlib import Path

import pytest

from iastm_guide.evidence import EvidenceError
from iastm_guide.evidence.rule import (
    condition_judgement,
    high_risk,
    judge,
    load_rule,
    outcome_judgement,
)
from tests.unit.evidence.helpers import REAL_RULES, real_rule, rule, study

R = rule()
# Two large blinded sham-controlled RCTs that agree: nothing to take off.
BEST = [study("a2020trial"), study("b2021trial")]


def steps(judgement: object) -> list[str]:
    return [s.name for s in judgement.steps]  # type: ignore[attr-defined]


def test_the_rule_can_reach_high_with_large_blinded_trials_that_agree() -> None:
    j = judge(R, BEST, None)
    assert j.label == "High"
    assert steps(j) == ["design"]
    assert [t.key for t in j.trials] == ["a2020trial", "b2021trial"]


def test_no_studies_and_no_trials_in_people_give_no_trials_in_people() -> None:
    assert judge(R, [], None).label == "No trials in people"
    others = [
        study("rat1997", design="animal"),
        study("lab2001", design="laboratory"),
        study("series2019", design="case series"),
        study("healthy2018", healthy_volunteers=True),  # indirect: never a trial in people
        study("review2020", design="systematic review", trials=0),
    ]
    j = judge(R, others, None)
    assert j.label == "No trials in people"
    assert j.trials == ()
    assert "among 5 studies" in j.steps[0].reason


def test_one_trial_in_people_is_enough_not_to_say_no_trials() -> None:
    assert judge(R, [study(design="animal"), study("c2019trial")], None).label != "No trials in people"


def test_non_randomised_trials_start_low() -> None:
    j = judge(R, [study("a", design="non-randomised"), study("b", design="non-randomised")], None)
    assert j.label == "Low"
    assert steps(j) == ["design"]


def test_randomised_trials_make_the_body_and_non_randomised_ones_are_not_judged_with_them() -> None:
    # the non-randomised trial disagrees and is small and open, but the body is the RCTs
    weak = study("nr2010", design="non-randomised", direction="favours comparator", people=10, blinded=[])
    j = judge(R, [*BEST, weak], None)
    assert j.label == "High"
    assert "nr2010" not in [t.key for t in j.trials]


def test_pilot_randomised_trials_start_high_too() -> None:
    j = judge(R, [study("a", design="pilot RCT"), study("b", design="pilot RCT")], None)
    assert j.label == "High"


@pytest.mark.parametrize(
    ("blinded", "risky"),
    [
        (["participants", "outcome assessors"], False),
        (["participants", "outcome assessors", "therapists"], False),
        (["outcome assessors"], True),  # patients knew: they rate their own pain
        (["participants"], True),
        ([], True),
        (["not reported"], True),
    ],
)
def test_a_trial_is_at_high_risk_unless_patients_and_assessors_were_blinded(
    blinded: list[str], risky: bool
) -> None:
    assert high_risk(R, study(blinded=blinded)) is risky


def test_a_phrase_in_the_risk_of_bias_note_marks_high_risk_whatever_the_blinding() -> None:
    assert high_risk(R, study(risk_of_bias="High risk of bias: allocation not concealed"))
    assert not high_risk(R, study(risk_of_bias="low risk in every domain"))


def test_risk_of_bias_goes_down_one_when_more_than_half_the_people_were_in_risky_trials() -> None:
    open_big = study("open", people=300, blinded=[])
    blind_small = study("blind", people=200)
    j = judge(R, [open_big, blind_small], None)  # 300 of 500 people = 60% at high risk
    assert j.label == "Moderate"
    assert steps(j) == ["design", "risk of bias"]
    assert "60% of people" in j.steps[1].reason


def test_risk_of_bias_at_exactly_half_does_not_go_down() -> None:
    j = judge(R, [study("open", people=250, blinded=[]), study("blind", people=250)], None)
    assert j.label == "High"


def test_risk_of_bias_counts_trials_when_no_trial_reports_its_people() -> None:
    trials = [
        study("a", people=None, blinded=[]),
        study("b", people=None),
        study("c", people=None, blinded=[]),
    ]
    j = judge(R, trials, None)
    assert "risk of bias" in steps(j)  # 2 of 3 trials


@pytest.mark.parametrize(
    ("people", "down"),
    [(400, 0), (399, 1), (100, 1), (99, 2), (2, 2)],
)
def test_imprecision_goes_down_one_below_few_people_and_two_below_very_few(people: int, down: int) -> None:
    j = judge(R, [study("a", people=people // 2), study("b", people=people - people // 2)], None)
    assert j.label == R.levels[down], j.steps
    assert [s.change for s in j.steps if s.name == "imprecision"] == ([-down] if down else [])


def test_people_not_reported_count_as_none_and_say_so() -> None:
    j = judge(R, [study("a", people=None), study("b", people=450)], None)
    assert "imprecision" not in steps(j)
    j = judge(R, [study("a", people=None), study("b", people=50)], None)
    assert "(some not reported)" in next(s for s in j.steps if s.name == "imprecision").reason


def test_trials_whose_directions_disagree_go_down_one() -> None:
    j = judge(R, [study("a"), study("b", direction="no clear difference")], None)
    assert j.label == "Moderate"
    assert steps(j) == ["design", "inconsistency"]
    assert "favours IASTM, no clear difference" in j.steps[1].reason


def test_not_applicable_directions_do_not_count_as_disagreement() -> None:
    assert judge(R, [study("a"), study("b", direction="not applicable")], None).label == "High"


def test_a_single_trial_goes_down_one_for_inconsistency_unless_the_rule_says_not() -> None:
    one = [study("a", people=500)]
    assert judge(R, one, None).label == "Moderate"
    lenient = rule(inconsistency={"single_trial": False})
    assert judge(lenient, one, None).label == "High"


def test_a_review_caps_the_label_at_its_own_best_rating() -> None:
    assert judge(R, BEST, 1).label == "Moderate"
    j = judge(R, BEST, 3)
    assert j.label == "Very low"
    assert j.steps[-1].name == "review" and j.steps[-1].change == -3


def test_a_review_never_raises_the_label() -> None:
    weak = [study("a", people=50, blinded=[])]  # Very low by the rule
    assert judge(R, weak, 0).label == "Very low"


def test_the_label_never_goes_below_the_weakest_level() -> None:
    worst = [study("a", design="non-randomised", people=5, blinded=[])]
    j = judge(R, worst, None)
    assert j.label == "Very low"
    assert sum(s.change for s in j.steps) < -3  # more steps down than levels left


def test_condition_judgement_uses_its_trials_and_its_reviews() -> None:
    heel = study("heel2020", conditions=["heel-pain"], people=20, blinded=[])
    review = study("rev2022", design="systematic review", certainty="pain: low")
    j = condition_judgement(R, [*BEST, heel, review], "knee-pain")
    assert j.label == "Low"  # High, capped by the knee review's own "low"
    assert condition_judgement(R, [*BEST, heel], "knee-pain").label == "High"
    assert condition_judgement(R, [*BEST, heel], "heel-pain").label == "Very low"


def test_a_review_range_caps_at_its_weaker_end_and_not_rated_does_not_cap() -> None:
    ranged = study("rev", design="systematic review", certainty="range of motion: very low to low (GRADE)")
    assert condition_judgement(R, [*BEST, ranged], "knee-pain").label == "Very low"
    unrated = study("rev", design="systematic review", certainty="pain: not rated")
    assert condition_judgement(R, [*BEST, unrated], "knee-pain").label == "High"


def test_no_trials_in_people_is_refused_when_a_review_of_the_condition_counts_trials_in_people() -> None:
    review = study("rev2022", design="systematic review", trials=4, certainty="")
    with pytest.raises(EvidenceError) as caught:
        condition_judgement(R, [review], "knee-pain")
    assert "the review rev2022 includes trials in people" in str(caught.value)
    empty = study("rev2023", design="systematic review", trials=0, certainty="")
    assert condition_judgement(R, [empty], "knee-pain").label == "No trials in people"


def test_outcome_label_takes_every_trial_that_measured_it_capped_by_reviews_of_that_outcome() -> None:
    pain_only = study("p1", conditions=["heel-pain"], outcomes="heel pain on first steps")
    function_only = study("f1", outcomes="Knee Disability Index", direction="no clear difference")
    review = study("rev", design="systematic review", certainty="pain: moderate; function: very low")
    studies = [*BEST, pain_only, function_only, review]
    pain = outcome_judgement(R, studies, "pain")
    assert {t.key for t in pain.trials} == {"a2020trial", "b2021trial", "p1"}
    assert pain.label == "Moderate"  # High by the rule, capped by the review's "moderate" for pain
    function = outcome_judgement(R, studies, "function")
    assert {t.key for t in function.trials} == {"a2020trial", "b2021trial", "f1"}
    assert function.label == "Very low"  # the directions disagree (Moderate), capped at "very low"


def test_outcome_words_match_whole_words_only() -> None:
    painless = study("x", outcomes="painless gait speed")
    assert outcome_judgement(R, [painless], "pain").label == "No trials in people"


def test_the_real_rule_file_loads() -> None:
    real = real_rule()
    assert real.levels == ["High", "Moderate", "Low", "Very low"]
    assert {"pain", "function"} <= set(real.outcomes)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = REAL_RULES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "content-rules.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_bad_rule_setting_names_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "few_people: 400", "few_people: many")
    with pytest.raises(EvidenceError) as caught:
        load_rule(path)
    line = _line(path, "few_people: many")
    assert str(caught.value) == (
        f"content-rules.yml:{line}: evidence_labels: imprecision.few_people "
        "must be a whole number, not 'many'"
    )


def test_a_start_design_that_is_not_a_trial_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, "    non-randomised: Low", "    animal: Low")
    with pytest.raises(EvidenceError) as caught:
        load_rule(path)
    assert f"content-rules.yml:{_line(path, 'animal: Low')}:" in str(caught.value)
    assert "'animal' is not a design of trials in people" in str(caught.value)


def test_a_missing_rule_section_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "content-rules.yml"
    path.write_text("front_matter: {}\n", encoding="utf-8")
    with pytest.raises(EvidenceError, match="the 'evidence_labels' section is missing"):
        load_rule(path)
