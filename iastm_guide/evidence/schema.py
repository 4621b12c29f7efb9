"""The shape of the evidence data: a study record and a search-log question.

The fields are those of the research format (one record per study, one question per
review question); evidence/README.md explains each. Validation is pydantic's, in
strict mode: YAML's own types must already be right (a number is not text, a date is
not a quoted string), unknown fields are refused, and every closed vocabulary is a
`Literal`. Checks that need the rest of the site (the key is in references.bib, the
condition has a page) read it from the validation context that `data` passes in.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

DESIGNS = (
    "systematic review",
    "RCT",
    "pilot RCT",
    "non-randomised",
    "case series",
    "laboratory",
    "animal",
)
Design = Literal[
    "systematic review", "RCT", "pilot RCT", "non-randomised", "case series", "laboratory", "animal"
]
ComparatorType = Literal[
    "sham", "usual care", "exercise", "nothing", "waiting list", "other treatment", "other IASTM"
]
BlindedWho = Literal["participants", "therapists", "outcome assessors", "not reported"]
Direction = Literal["favours IASTM", "no clear difference", "favours comparator", "mixed", "not applicable"]
SourceRead = Literal["full text", "abstract only"]

# Condition tags that are not condition pages.
GENERAL_CONDITIONS = {
    "musculoskeletal-pain": "Muscle, joint and tendon pain in general",
    "range-of-movement": "Range of movement",
    "healthy-volunteers": "Healthy volunteers",
}
OTHER_PREFIX = "other:"
NOT_STATED = "not stated in the record read"
KEY = re.compile(r"[\w-]+")

# GRADE's certainty levels, strongest first (the same four as the site's labels).
CERTAINTY_LEVELS = ("high", "moderate", "low", "very low")
_LEVEL = r"very low|low|moderate|high"
CERTAINTY_ITEM = re.compile(
    rf"^\s*(?P<outcome>[^:;]+?)\s*:\s*(?:(?P<low>{_LEVEL})(?:\s+to\s+(?P<high>{_LEVEL}))?|not rated)"
    r"\s*(?:\([^()]*\))?\s*$",
    re.IGNORECASE,
)
CERTAINTY_FORM = (
    "write it as 'outcome: level' items joined by ';', e.g. 'pain: moderate (GRADE); function: low' "
    "(levels: high, moderate, low, very low; a range such as 'very low to low'; or 'not rated'), "
    "or '' if the review rated nothing"
)


def vocabulary(field: str) -> tuple[str, ...]:
    """The allowed values of a field with a closed vocabulary (for messages)."""
    kinds: dict[str, Any] = {
        "design": Design,
        "comparator_type": ComparatorType,
        "blinded": BlindedWho,
        "direction": Direction,
        "source_read": SourceRead,
    }
    return tuple(get_args(kinds[field])) if field in kinds else ()


def suggest(value: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def parse_certainty(text: str) -> list[tuple[str, int, int]]:
    """A review's own certainty, as (outcome, lowest level, highest level) with levels
    indexed in CERTAINTY_LEVELS (0 = high); 'not rated' items are left out.
    Raises ValueError naming the item that cannot be read."""
    found: list[tuple[str, int, int]] = []
    if not text.strip() or text.strip().casefold() == "not rated":
        return found
    for item in text.split(";"):
        match = CERTAINTY_ITEM.match(item)
        if not match:
            raise ValueError(f"certainty item '{item.strip()}' cannot be read; {CERTAINTY_FORM}")
        if match.group("low"):
            first = CERTAINTY_LEVELS.index(match.group("low").casefold())
            second = CERTAINTY_LEVELS.index((match.group("high") or match.group("low")).casefold())
            # index 0 is the strongest: the weaker end of a range has the larger index
            found.append((match.group("outcome").strip(), max(first, second), min(first, second)))
    return found


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_text)]


def _study_key(value: str, info: ValidationInfo) -> str:
    if not KEY.fullmatch(value):
        raise ValueError(f"key '{value}' may hold only letters, digits, '_' and '-' (a BibTeX key)")
    bib: Collection[str] = (info.context or {}).get("bib_keys", ())
    if bib and value not in bib:
        raise ValueError(
            f"key '{value}' is not in references.bib{suggest(value, bib)}; add the checked entry "
            "to references.bib first (CONTRIBUTING.md, 'Add and check a reference'), or fix the key"
        )
    return value


def _condition(value: str, info: ValidationInfo) -> str:
    pages: Collection[str] = (info.context or {}).get("condition_slugs", ())
    if value in GENERAL_CONDITIONS or value in pages:
        return value
    if value.startswith(OTHER_PREFIX) and value[len(OTHER_PREFIX) :].strip():
        return value
    allowed = ", ".join([*sorted(pages), *GENERAL_CONDITIONS, f"{OTHER_PREFIX}<name>"])
    raise ValueError(
        f"condition '{value}' has no page docs/conditions/{value}.md"
        f"{suggest(value, [*pages, *GENERAL_CONDITIONS])}; use one of: {allowed}"
    )


class Study(BaseModel):
    """One study the site relies on (trials, reviews, lab and animal studies)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    key: Annotated[str, AfterValidator(_study_key)]
    design: Design
    conditions: Annotated[list[Annotated[str, AfterValidator(_condition)]], Field(min_length=1)]
    population: Text
    healthy_volunteers: bool
    people: Annotated[int, Field(ge=1)] | None
    people_note: str
    intervention: Text
    tool: Text
    comparator: Text
    comparator_type: ComparatorType
    blinded: list[BlindedWho]
    sessions: Text
    follow_up: Text
    outcomes: Text
    result: Text
    direction: Direction
    effect: str
    risk_of_bias: Text
    funding: Text
    conflicts: Text
    funding_read_in: str
    source_read: SourceRead
    checked: dt.date
    trials: Annotated[int, Field(ge=0)] | None = None
    certainty: str | None = None

    @property
    def is_review(self) -> bool:
        return self.design == "systematic review"

    @model_validator(mode="after")
    def _consistent(self) -> Study:
        if self.is_review and (self.trials is None or self.certainty is None):
            raise ValueError(
                "a systematic review needs 'trials' (how many it included) and 'certainty' "
                "(its own rating, '' if none); add them"
            )
        if not self.is_review and (self.trials is not None or self.certainty is not None):
            raise ValueError(
                f"'trials' and 'certainty' are for systematic reviews only, and this is a {self.design}; "
                "remove them"
            )
        if self.certainty:
            parse_certainty(self.certainty)
        if len(set(self.blinded)) != len(self.blinded):
            raise ValueError("blinded lists someone twice; list each once")
        if "not reported" in self.blinded and len(self.blinded) > 1:
            raise ValueError("blinded: 'not reported' cannot stand with others; keep one or the other")
        stated = self.funding != NOT_STATED or self.conflicts != NOT_STATED
        if stated and not self.funding_read_in.startswith(("https://", "http://")):
            raise ValueError(
                "funding_read_in must be the address (https://...) where the funding and conflict "
                "statements were read"
            )
        return self


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise ValueError(f"id '{value}' must be lower-case words joined by hyphens")
    return value


class Search(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    date: dt.date
    tool: Text
    source: Text
    query: Text
    results: Annotated[int, Field(ge=0)]
    relevant: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _relevant(self) -> Search:
        if self.relevant > self.results:
            raise ValueError(
                f"relevant ({self.relevant}) is more than results ({self.results}); "
                "relevant counts results about the question"
            )
        return self


class Exclusion(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    record: Text
    reason: Text


class Question(BaseModel):
    """One review question of the search log, with the counts of a PRISMA flow."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    id: Annotated[str, AfterValidator(_slug)]
    question: Text
    eligibility: Text
    searches: Annotated[list[Search], Field(min_length=1)]
    records_identified: Annotated[int, Field(ge=0)]
    duplicates_removed: Annotated[int, Field(ge=0)]
    records_screened: Annotated[int, Field(ge=0)]
    excluded_on_screening: Annotated[int, Field(ge=0)]
    full_text_assessed: Annotated[int, Field(ge=0)]
    excluded_after_full_text: list[Exclusion]
    included: list[str]
    notes: str

    def count_problems(self) -> list[tuple[str, str]]:
        """(field, message) for each count that does not add up."""
        found = []
        hits = sum(search.results for search in self.searches)
        if self.records_identified != hits:
            found.append(
                (
                    "records_identified",
                    f"records_identified is {self.records_identified}, but the searches' results add up "
                    f"to {hits}; records_identified is all hits summed over the searches",
                )
            )
        sums = (
            ("records_screened", self.records_identified, "records_identified", self.duplicates_removed,
             "duplicates_removed", self.records_screened),
            ("full_text_assessed", self.records_screened, "records_screened", self.excluded_on_screening,
             "excluded_on_screening", self.full_text_assessed),
            ("included", self.full_text_assessed, "full_text_assessed", len(self.excluded_after_full_text),
             "the excluded_after_full_text entries", len(self.included)),
        )  # fmt: skip
        for name, total, total_name, less, less_name, value in sums:
            if value != total - less:
                shown = f"{len(self.included)} keys" if name == "included" else str(value)
                found.append(
                    (
                        name,
                        f"{name} is {shown}, but {total_name} - {less_name} = {total} - {less} = "
                        f"{total - less}; the counts must add up ({name} = {total_name} - {less_name})",
                    )
                )
        return found
