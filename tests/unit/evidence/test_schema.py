"""iastm_guide/evidence/schema.py: a study record and a search-log question, each rule passing and failing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from iastm_guide.evidence.schema import (
    CERTAINTY_LEVELS,
    GENERAL_CONDITIONS,
    Exclusion,
    Search,
    Study,
    parse_certainty,
    suggest,
    vocabulary,
)
from tests.unit.evidence.helpers import SLUGS, question, study


def refused(**fields: Any) -> str:
    """The one message pydantic gives for a study record with `fields` changed."""
    with pytest.raises(ValidationError) as caught:
        study(**fields)
    (error,) = caught.value.errors(include_url=False)
    return str(error["msg"])


def search(**fields: Any) -> Search:
    record: dict[str, Any] = {
        "date": dt.date(2026, 11, 30),
        "tool": "a search tool",
        "source": "a database",
        "query": "IASTM knee",
        "results": 12,
        "relevant": 4,
    }
    return Search.model_validate({**record, **fields}, strict=True)


# ---------------------------------------------------------------- vocabulary, suggest


def test_vocabulary_lists_the_allowed_values_of_a_closed_field() -> None:
    assert vocabulary("design")[:2] == ("systematic review", "RCT")
    assert vocabulary("source_read") == ("full text", "abstract only")
    assert "not reported" in vocabulary("blinded")


def test_vocabulary_of_an_open_field_is_empty() -> None:
    assert vocabulary("population") == ()
    assert vocabulary("no such field") == ()


def test_suggest_names_the_closest_known_value_or_nothing() -> None:
    assert suggest("kne-pain", ["knee-pain", "heel-pain"]) == "; did you mean 'knee-pain'?"
    assert suggest("shoulder", ["knee-pain", "heel-pain"]) == ""


# ---------------------------------------------------------------- parse_certainty


def test_certainty_items_give_the_weaker_and_stronger_level_indexes() -> None:
    assert parse_certainty("Pain: HIGH; function: low to moderate (GRADE)") == [
        ("Pain", 0, 0),
        ("function", CERTAINTY_LEVELS.index("low"), CERTAINTY_LEVELS.index("moderate")),
    ]
    assert parse_certainty("pain: moderate to very low") == [("pain", 3, 1)]  # either order


def test_certainty_that_rates_nothing_gives_no_items() -> None:
    assert parse_certainty("   ") == []
    assert parse_certainty("Not rated") == []
    assert parse_certainty("pain: not rated; function: very low") == [("function", 3, 3)]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("pain is fairly sure", "pain is fairly sure"),
        ("pain: high; function: quite high", "function: quite high"),
        ("pain: high; ", ""),
        (": low", ": low"),
    ],
)
def test_certainty_that_cannot_be_read_is_refused_naming_the_item(text: str, item: str) -> None:
    with pytest.raises(ValueError, match="cannot be read; write it as 'outcome: level' items") as caught:
        parse_certainty(text)
    assert str(caught.value).startswith(f"certainty item '{item}' cannot be read")


# ---------------------------------------------------------------- Study: each field's rule


def test_a_good_record_is_accepted_as_given() -> None:
    record = study(people=None, blinded=[])
    assert record.key == "doe2020trial" and record.people is None and record.blinded == []
    assert not record.is_review


def test_a_key_with_other_characters_than_a_bibtex_key_is_refused() -> None:
    assert "key 'doe 2020' may hold only letters, digits, '_' and '-'" in refused(key="doe 2020")


def test_a_key_is_checked_against_references_bib_when_its_keys_are_given() -> None:
    record = study().model_dump()
    context = {"bib_keys": {"doe2020trial"}, "condition_slugs": SLUGS}
    assert Study.model_validate(record, strict=True, context=context).key == "doe2020trial"
    with pytest.raises(ValidationError) as caught:
        Study.model_validate({**record, "key": "doe2020trail"}, strict=True, context=context)
    message = str(caught.value)
    assert "key 'doe2020trail' is not in references.bib; did you mean 'doe2020trial'?" in message


def test_conditions_are_pages_general_tags_or_named_others() -> None:
    tags = ["heel-pain", *GENERAL_CONDITIONS, "other: shin splints"]
    assert study(conditions=tags).conditions == tags


def test_an_unknown_condition_is_refused_with_a_suggestion_and_the_choices() -> None:
    message = refused(conditions=["kne-pain"])
    assert (
        "condition 'kne-pain' has no page docs/conditions/kne-pain.md; did you mean 'knee-pain'?" in message
    )
    assert message.endswith(
        "use one of: heel-pain, knee-pain, musculoskeletal-pain, range-of-movement, healthy-volunteers, "
        "other:<name>"
    )


def test_an_other_condition_needs_a_name() -> None:
    assert "condition 'other:  ' has no page" in refused(conditions=["other:  "])


def test_a_record_needs_a_condition() -> None:
    assert "at least 1 item" in refused(conditions=[])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"people": "200"}, "valid integer"),  # strict: YAML's types must already be right
        ({"people": 0}, "greater than or equal to 1"),
        ({"checked": "2026-11-30"}, "valid date"),
        ({"healthy_volunteers": "no"}, "valid boolean"),
        ({"design": "pilot"}, "'systematic review', 'RCT'"),
        ({"blinded": ["nobody"]}, "'participants', 'therapists'"),
        ({"tool": "   "}, "must not be empty"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_a_field_of_the_wrong_type_or_value_is_refused(fields: dict[str, Any], message: str) -> None:
    assert message in refused(**fields)


def test_a_record_is_frozen() -> None:
    record = study()
    with pytest.raises(ValidationError):
        record.people = 3  # type: ignore[misc]


# ---------------------------------------------------------------- Study: the record as a whole


def test_a_systematic_review_has_trials_and_its_own_certainty() -> None:
    review = study(design="systematic review", trials=5, certainty="pain: low (GRADE)")
    assert review.is_review and review.trials == 5


def test_a_systematic_review_without_trials_or_certainty_is_refused() -> None:
    assert "a systematic review needs 'trials'" in refused(design="systematic review", trials=None)
    assert "and 'certainty'" in refused(design="systematic review", certainty=None)


def test_trials_or_certainty_on_a_trial_are_refused() -> None:
    assert "'trials' and 'certainty' are for systematic reviews only, and this is a RCT" in refused(trials=3)
    assert "for systematic reviews only" in refused(certainty="")


def test_a_review_certainty_that_cannot_be_read_is_refused() -> None:
    message = refused(design="systematic review", certainty="pretty sure")
    assert "certainty item 'pretty sure' cannot be read" in message


def test_someone_blinded_twice_is_refused() -> None:
    assert "blinded lists someone twice" in refused(blinded=["participants", "participants"])


def test_not_reported_cannot_stand_with_someone_blinded() -> None:
    assert "'not reported' cannot stand with others" in refused(blinded=["not reported", "therapists"])
    assert study(blinded=["not reported"]).blinded == ["not reported"]


def test_stated_funding_needs_the_address_it_was_read_at() -> None:
    assert "funding_read_in must be the address (https://...)" in refused(funding="a university grant")
    assert "funding_read_in must be" in refused(conflicts="none", funding_read_in="the paper")
    read = study(conflicts="none declared", funding_read_in="https://example.org/paper")
    assert read.conflicts == "none declared"


# ---------------------------------------------------------------- Search, Exclusion, Question


def test_a_search_may_have_as_many_relevant_results_as_results() -> None:
    assert search(relevant=12).relevant == 12


def test_a_search_with_more_relevant_results_than_results_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"relevant \(13\) is more than results \(12\)"):
        search(relevant=13)


def test_an_exclusion_needs_a_record_and_a_reason() -> None:
    assert Exclusion(record="Example 2020", reason="single session").reason == "single session"
    with pytest.raises(ValidationError, match="must not be empty"):
        Exclusion(record="Example 2020", reason=" ")


def test_a_question_id_is_lower_case_words_joined_by_hyphens() -> None:
    assert question("plantar-heel-pain").id == "plantar-heel-pain"
    for bad in ("Knee-pain", "knee_pain", "knee--pain", "-knee"):
        with pytest.raises(ValidationError, match=f"id '{bad}' must be lower-case words joined by hyphens"):
            question(bad)


def test_a_question_needs_a_search() -> None:
    with pytest.raises(ValidationError, match="at least 1 item"):
        question(searches=[])


def test_counts_that_add_up_have_no_problems() -> None:
    assert question().count_problems() == []


@pytest.mark.parametrize(
    ("fields", "name", "message"),
    [
        (
            {"records_identified": 13, "records_screened": 11, "excluded_on_screening": 7},
            "records_identified",
            "records_identified is 13, but the searches' results add up to 12; records_identified is all "
            "hits summed over the searches",
        ),
        (
            {"records_screened": 9, "excluded_on_screening": 5},
            "records_screened",
            "records_screened is 9, but records_identified - duplicates_removed = 12 - 2 = 10; the counts "
            "must add up (records_screened = records_identified - duplicates_removed)",
        ),
        (
            {
                "full_text_assessed": 5,
                "excluded_after_full_text": [{"record": f"Example {n}", "reason": "r"} for n in range(3)],
            },
            "full_text_assessed",
            "full_text_assessed is 5, but records_screened - excluded_on_screening = 10 - 6 = 4",
        ),
        (
            {"included": ["doe2020trial"]},
            "included",
            "included is 1 keys, but full_text_assessed - the excluded_after_full_text entries = 4 - 2 = 2",
        ),
    ],
)
def test_each_count_that_does_not_add_up_is_named(fields: dict[str, Any], name: str, message: str) -> None:
    found = question(**fields).count_problems()
    assert [field for field, _ in found] == [name], found
    assert found[0][1].startswith(message), found[0][1]
