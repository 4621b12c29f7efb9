"""Crafted study records and a rule for the evidence tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from iastm_guide.evidence.rule import Rule, load_rule
from iastm_guide.evidence.schema import Question, Study
from tests.helpers import ROOT

SLUGS = {"knee-pain", "heel-pain"}


def study(key: str = "doe2020trial", **fields: Any) -> Study:
    """A valid record of a blinded RCT of 200 people in knee pain, with `fields` changed."""
    record: dict[str, Any] = {
        "key": key,
        "design": "RCT",
        "conditions": ["knee-pain"],
        "population": "adults with knee pain",
        "healthy_volunteers": False,
        "people": 200,
        "people_note": "",
        "intervention": "IASTM with exercise",
        "tool": "generic steel",
        "comparator": "sham IASTM with exercise",
        "comparator_type": "sham",
        "blinded": ["participants", "outcome assessors"],
        "sessions": "8 over 4 weeks",
        "follow_up": "12 weeks",
        "outcomes": "pain, function",
        "result": "less pain with IASTM",
        "direction": "favours IASTM",
        "effect": "",
        "risk_of_bias": "low",
        "funding": "not stated in the record read",
        "conflicts": "not stated in the record read",
        "funding_read_in": "",
        "source_read": "full text",
        "checked": dt.date(2026, 11, 30),
    }
    if fields.get("design") == "systematic review":
        record.update(trials=5, certainty="")
    record.update(fields)
    return Study.model_validate(record, strict=True, context={"condition_slugs": SLUGS})


RULE_SETTINGS: dict[str, Any] = {
    "levels": ["High", "Moderate", "Low", "Very low"],
    "no_trials": "No trials in people",
    "start": {"RCT": "High", "pilot RCT": "High", "non-randomised": "Low"},
    "risk_of_bias": {
        "blinded": ["participants", "outcome assessors"],
        "share": 0.5,
        "phrases": ["high risk"],
    },
    "imprecision": {"few_people": 400, "very_few_people": 100},
    "inconsistency": {"single_trial": True},
    "outcomes": {
        "pain": {"name": "Pain", "words": ["pain"]},
        "function": {"name": "Function", "words": ["function", "disability"]},
    },
}


def rule(**changes: Any) -> Rule:
    """A rule with known settings (the tests do not depend on content-rules.yml's values)."""
    return Rule.model_validate({**RULE_SETTINGS, **changes}, strict=True)


REAL_RULES: Path = ROOT / "content-rules.yml"


def real_rule() -> Rule:
    return load_rule(REAL_RULES)


def question(question_id: str = "knee-pain", **fields: Any) -> Question:
    """A valid search-log question whose counts add up (12 found, 2 duplicates, 10 screened,
    6 left out, 4 read closely, 2 left out after reading, 2 included), with `fields` changed."""
    record: dict[str, Any] = {
        "id": question_id,
        "question": "does IASTM help people with knee pain?",
        "eligibility": "controlled trials in people with knee pain",
        "searches": [
            {
                "date": dt.date(2026, 11, 30),
                "tool": "a search tool",
                "source": "a database",
                "query": "IASTM knee",
                "results": 12,
                "relevant": 4,
            }
        ],
        "records_identified": 12,
        "duplicates_removed": 2,
        "records_screened": 10,
        "excluded_on_screening": 6,
        "full_text_assessed": 4,
        "excluded_after_full_text": [
            {"record": "Example A 2020", "reason": "healthy volunteers only"},
            {"record": "Example B 2021", "reason": "not randomised"},
        ],
        "included": ["doe2020trial", "roe2021trial"],
        "notes": "",
    }
    record.update(fields)
    return Question.model_validate(record, strict=True)
