"""The evidence-label rule: from study records to "how sure we are", step by step.

The rule is written in content-rules.yml (`evidence_labels`, with the reasons in its
comments); this module reads it and applies it. GRADE-like, in order:

1. Which studies count: trials in people only (designs listed under `start`, not in
   healthy volunteers). Reviews, lab and animal studies, case series and trials in
   healthy volunteers never count (indirectness). None left: "No trials in people".
2. Start from design: the best starting level among the trials; the trials that
   start there are the body of evidence judged below.
3. Down one for risk of bias: trials holding more than `share` of the people were at
   high risk (someone in `blinded` was not blinded, or the record names a phrase).
4. Down one for imprecision below `few_people` people in all; two below `very_few_people`.
5. Down one for inconsistency: the trials' directions disagree, or (with
   `single_trial: true`) there is only one trial, so agreement cannot be shown.
6. Never above the best certainty a systematic review of the same condition (or,
   for an outcome, of the same outcome) gives itself.
The label never goes below the weakest level.

Pure functions, no I/O but `load_rule`: tests/unit/test_evidence_rule.py feeds them
crafted records, step by step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iastm_guide.evidence import EvidenceError
from iastm_guide.evidence.data import describe, load
from iastm_guide.evidence.schema import CERTAINTY_LEVELS, DESIGNS, BlindedWho, Study, parse_certainty

SECTION = "evidence_labels"
NOT_TRIALS = ("systematic review", "laboratory", "animal")


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class RiskOfBias(_Strict):
    blinded: list[BlindedWho]
    share: Annotated[float, Field(ge=0, lt=1)]
    phrases: list[str]


class Imprecision(_Strict):
    few_people: Annotated[int, Field(ge=1)]
    very_few_people: Annotated[int, Field(ge=1)]


class Inconsistency(_Strict):
    single_trial: bool


class Outcome(_Strict):
    name: str
    words: Annotated[list[str], Field(min_length=1)]


class Rule(_Strict):
    """The `evidence_labels` section of content-rules.yml."""

    levels: Annotated[list[str], Field(min_length=4, max_length=4)]
    no_trials: str
    start: dict[str, str]
    risk_of_bias: RiskOfBias
    imprecision: Imprecision
    inconsistency: Inconsistency
    outcomes: dict[str, Outcome]

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        """Settings that are well-typed but make no sense together: (path, message)."""
        found: list[tuple[tuple[str, ...], str]] = []
        for design, level in self.start.items():
            if design not in DESIGNS or design in NOT_TRIALS:
                trial_designs = [d for d in DESIGNS if d not in NOT_TRIALS]
                found.append(
                    (("start", design), f"start: '{design}' is not a design of trials in people; "
                     f"use some of: {', '.join(trial_designs)}")
                )  # fmt: skip
            if level not in self.levels:
                found.append((("start", design), f"start: '{level}' is not one of levels {self.levels}"))
        if self.imprecision.very_few_people > self.imprecision.few_people:
            found.append((("imprecision",), "imprecision: very_few_people must not exceed few_people"))
        return found

    def level(self, index: int) -> str:
        return self.levels[min(max(index, 0), len(self.levels) - 1)]


@dataclass(frozen=True)
class Step:
    name: str  # design, risk of bias, imprecision, inconsistency, review, no trials
    change: int  # levels moved: 0 to start, negative going down
    reason: str


@dataclass(frozen=True)
class Judgement:
    label: str
    steps: tuple[Step, ...]
    trials: tuple[Study, ...]  # the body of evidence judged


def load_rule(path: Path, name: str = "content-rules.yml") -> Rule:
    """Read and check the `evidence_labels` section; problems name the line."""
    located = load(path, name)
    data = located.data if isinstance(located.data, dict) else {}
    if SECTION not in data:
        raise EvidenceError([f"{name}: the '{SECTION}' section is missing; restore it from git history"])
    try:
        rule = Rule.model_validate(data[SECTION], strict=True)
    except ValidationError as err:
        raise EvidenceError(
            [
                f"{name}:{located.line((SECTION, *e['loc']))}: {SECTION}: {describe(e)}"
                for e in err.errors(include_url=False)
            ]
        ) from err
    bad = rule.problems()
    if bad:
        raise EvidenceError([f"{name}:{located.line((SECTION, *p))}: {SECTION}.{m}" for p, m in bad])
    return rule


def is_trial_in_people(rule: Rule, study: Study) -> bool:
    return study.design in rule.start and not study.healthy_volunteers


def high_risk(rule: Rule, study: Study) -> bool:
    """Someone the rule needs blinded was not (or blinding was not reported), or the
    record's risk-of-bias note names one of the rule's phrases."""
    unblinded = any(who not in study.blinded for who in rule.risk_of_bias.blinded)
    note = study.risk_of_bias.casefold()
    return unblinded or any(phrase.casefold() in note for phrase in rule.risk_of_bias.phrases)


def _people(study: Study) -> int:
    return study.people or 0


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def best_review_level(reviews: Iterable[Study], outcome_words: Sequence[str] | None = None) -> int | None:
    """The strongest certainty (index in CERTAINTY_LEVELS, 0 = high) any review gives
    itself, taking the weaker end of a range; for an outcome when words are given."""
    best: int | None = None
    for review in reviews:
        for outcome, weaker, _stronger in parse_certainty(review.certainty or ""):
            if outcome_words is not None and not mentions(outcome, outcome_words):
                continue
            best = weaker if best is None else min(best, weaker)
    return best


def mentions(text: str, words: Sequence[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in words)


def judge(rule: Rule, studies: Sequence[Study], review_cap: int | None) -> Judgement:
    """The rule applied to some studies, with a cap from reviews (level index or None)."""
    trials = [s for s in studies if is_trial_in_people(rule, s)]
    if not trials:
        others = len(studies)
        why = "no trial in people" + (f" among {_plural(others, 'study', 'studies')}" if others else "")
        return Judgement(rule.no_trials, (Step("no trials", 0, why),), ())
    start = min(rule.levels.index(rule.start[t.design]) for t in trials)
    body = tuple(t for t in trials if rule.levels.index(rule.start[t.design]) == start)
    steps = [Step("design", 0, f"starts {rule.levels[start]}: {_plural(len(body), 'trial')} in people")]
    people = sum(_people(t) for t in body)
    risky = [t for t in body if high_risk(rule, t)]
    share = sum(_people(t) for t in risky) / people if people else len(risky) / len(body)
    if share > rule.risk_of_bias.share:
        steps.append(
            Step("risk of bias", -1, f"{len(risky)} of {len(body)} at high risk ({share:.0%} of people)")
        )
    counted = f"{people} people" + (" (some not reported)" if any(t.people is None for t in body) else "")
    if people < rule.imprecision.very_few_people:
        steps.append(Step("imprecision", -2, f"{counted}, fewer than {rule.imprecision.very_few_people}"))
    elif people < rule.imprecision.few_people:
        steps.append(Step("imprecision", -1, f"{counted}, fewer than {rule.imprecision.few_people}"))
    directions = sorted({t.direction for t in body if t.direction != "not applicable"})
    if len(directions) > 1:
        steps.append(Step("inconsistency", -1, "directions disagree: " + ", ".join(directions)))
    elif len(body) == 1 and rule.inconsistency.single_trial:
        steps.append(Step("inconsistency", -1, "one trial: agreement cannot be shown"))
    level = min(start - sum(s.change for s in steps), len(rule.levels) - 1)
    if review_cap is not None and review_cap > level:
        steps.append(
            Step("review", level - review_cap, f"a review rates it {CERTAINTY_LEVELS[review_cap]} at best")
        )
        level = review_cap
    return Judgement(rule.level(level), tuple(steps), body)


def condition_judgement(rule: Rule, studies: Sequence[Study], condition: str) -> Judgement:
    """The label of a condition: its trials in people, capped by its reviews."""
    tagged = [s for s in studies if condition in s.conditions]
    reviews = [s for s in tagged if s.is_review]
    judgement = judge(rule, tagged, best_review_level(reviews))
    if not judgement.trials:
        counted = [r.key for r in reviews if (r.trials or 0) > 0 and not r.healthy_volunteers]
        if counted:
            raise EvidenceError(
                [
                    f"condition '{condition}': the review {', '.join(counted)} includes trials in people, "
                    "but evidence/studies.yml has no trial in people for it; add a record for each trial "
                    "the site relies on (a label of 'No trials in people' would be wrong)"
                ]
            )
    return judgement


def outcome_judgement(rule: Rule, studies: Sequence[Study], outcome: str) -> Judgement:
    """The label of an overall outcome (pain, function, ...): every trial in people
    whose outcomes mention it, capped by the best review rating of that outcome."""
    words = rule.outcomes[outcome].words
    measured = [s for s in studies if not s.is_review and mentions(s.outcomes, words)]
    reviews = [s for s in studies if s.is_review]
    return judge(rule, measured, best_review_level(reviews, words))
