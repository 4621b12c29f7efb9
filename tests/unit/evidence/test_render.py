"""iastm_guide/evidence/render.py: badges, tables and the rule in words, made from the study data."""

from __future__ import annotations

from typing import Any

import pytest

from iastm_guide.evidence.render import (
    Condition,
    badge,
    cite,
    condition_name,
    conditions_table,
    count,
    css_name,
    one_line,
    relative,
    rule_list,
    studies_table,
    text,
)
from iastm_guide.evidence.rule import Judgement, Step, condition_judgement
from iastm_guide.evidence.schema import Study
from tests.unit.evidence.helpers import rule, study

KNEE = Condition("knee-pain", "Knee pain (runner's knee)")
HEEL = Condition("heel-pain", "Heel pain")
DESIGN = Step("design", 0, "starts High: 1 trial in people")


def rows(table: str) -> list[str]:
    """The table's body rows (no heading, no divider)."""
    return [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Study |")]


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip("|").split(" | ")]


def judged(*steps: Step, label: str = "Low") -> Judgement:
    return Judgement(label, (DESIGN, *steps), ())


# ---------------------------------------------------------------- names and small pieces


def test_a_condition_name_is_its_title_without_the_brackets() -> None:
    assert KNEE.name == "Knee pain"
    assert HEEL.name == "Heel pain"


def test_condition_name_comes_from_the_page_the_general_tags_or_the_other_tag() -> None:
    pages = {"knee-pain": KNEE}
    assert condition_name("knee-pain", pages) == "Knee pain"
    assert condition_name("range-of-movement", pages) == "Range of movement"
    assert condition_name("other: shin splints", pages) == "Shin splints"
    assert condition_name("heel-pain", pages) == "Heel-pain"  # no page: the slug, as written


def test_data_text_is_escaped_for_a_table_cell_and_its_spaces_collapsed() -> None:
    assert text('  a <b> &  c | "d"\n e ') == 'a &lt;b&gt; &amp; c \\| "d" e'


def test_count_writes_small_numbers_in_words_and_chooses_the_plural() -> None:
    assert count(0, "trial", "trials") == "no trials"
    assert count(1, "trial", "trials") == "one trial"
    assert count(9, "study", "studies") == "nine studies"
    assert count(10, "study", "studies") == "10 studies"


def test_css_name_is_lower_case_words_joined_by_hyphens() -> None:
    assert css_name("Very low") == "very-low"
    assert css_name("No trials in people!") == "no-trials-in-people"


def test_a_badge_names_its_label_and_subject_and_escapes_both() -> None:
    assert badge("Very low", "outcome:pain") == (
        '<span class="evidence-label evidence-label--very-low" data-evidence="outcome:pain">Very low</span>'
    )
    escaped = badge("<Low>", 'a"b')
    assert 'data-evidence="a&quot;b">&lt;Low&gt;</span>' in escaped
    assert "<Low>" not in escaped


def test_cite_joins_keys_in_one_citation_and_gives_nothing_for_none() -> None:
    assert cite(["a2020x", "b2021y"]) == "[@a2020x; @b2021y]"
    assert cite([]) == ""


@pytest.mark.parametrize(
    ("from_page", "to_page", "link"),
    [
        ("evidence.md", "conditions/knee-pain.md", "conditions/knee-pain.md"),
        ("conditions/index.md", "conditions/knee-pain.md", "knee-pain.md"),
        ("science/how/index.md", "conditions/knee-pain.md", "../../conditions/knee-pain.md"),
    ],
)
def test_relative_links_one_docs_page_to_another(from_page: str, to_page: str, link: str) -> None:
    assert relative(from_page, to_page) == link


# ---------------------------------------------------------------- studies_table


def test_a_condition_without_studies_gets_a_sentence_not_a_table() -> None:
    table = studies_table((study(conditions=["heel-pain"]),), "knee-pain", {})
    assert table == (
        '<div class="evidence-studies" markdown>\n\n### Every study we found\n\n'
        "We found no studies of IASTM or gua sha for this problem.\n\n</div>\n"
    )


def test_the_studies_table_lists_the_condition_studies_by_design_then_newest_first() -> None:
    studies = (
        study("lab2018", design="laboratory"),
        study("old2015"),
        study("rev2022", design="systematic review", trials=3, certainty=""),
        study("heel2019", conditions=["heel-pain"]),
        study("new2021"),
        study("undated"),
    )
    table = studies_table(studies, "knee-pain", {"old2015": "2015", "new2021": "2021", "rev2022": "2022"})
    assert table.startswith('<div class="evidence-studies" markdown>\n\n### Every study we found\n\n')
    assert "| Study | People | Compared with | Blinded? | Result | Funding and conflicts |\n|---|" in table
    assert table.endswith("|\n\n</div>\n")
    assert [cells(r)[0] for r in rows(table)] == [
        "Systematic review, 2022 [@rev2022]",
        "Randomised trial, 2021 [@new2021]",
        "Randomised trial, 2015 [@old2015]",
        "Randomised trial [@undated]",
        "Lab study [@lab2018]",
    ]


def test_a_study_row_says_who_how_many_compared_with_what_and_the_result() -> None:
    (row,) = rows(studies_table((study(),), "knee-pain", {}))
    assert cells(row) == [
        "Randomised trial [@doe2020trial]",
        "200",
        "Sham IASTM with exercise",
        "Patients and people scoring the results",
        "less pain with IASTM",
        "Not known",
    ]


@pytest.mark.parametrize(
    ("fields", "column", "shown"),
    [
        ({"healthy_volunteers": True}, 0, "Randomised trial in healthy volunteers [@doe2020trial]"),
        ({"people": None}, 1, "Not reported"),
        ({"people_note": "rats | mice"}, 1, "200 (rats \\| mice)"),
        ({"design": "systematic review", "trials": 1, "certainty": ""}, 1, "200 in one trial"),
        ({"design": "systematic review", "trials": 12, "certainty": "", "people": None}, 1,
         "Not reported in 12 trials"),
        ({"blinded": []}, 3, "No one"),
        ({"blinded": ["not reported"]}, 3, "Not reported"),
        ({"blinded": ["therapists"]}, 3, "Therapists"),
        ({"blinded": ["participants", "therapists", "outcome assessors"]}, 3,
         "Patients, therapists and people scoring the results"),
        ({"result": "<b>more</b> | less"}, 4, "&lt;b&gt;more&lt;/b&gt; \\| less"),
        ({"funding": "a grant", "funding_read_in": "https://example.org/"}, 5,
         "Funding: a grant. Conflicts: not known"),
        ({"conflicts": "none & no shares", "funding_read_in": "https://example.org/"}, 5,
         "Funding: not known. Conflicts: none &amp; no shares"),
    ],
)  # fmt: skip
def test_each_column_shows_the_record_in_plain_words(fields: dict[str, Any], column: int, shown: str) -> None:
    (row,) = rows(studies_table((study(**fields),), "knee-pain", {}))
    assert cells(row)[column] == shown


# ---------------------------------------------------------------- one_line


def _line(studies: tuple[Study, ...], slug: str = "knee-pain") -> str:
    r = rule()
    return one_line(r, studies, slug, condition_judgement(r, studies, slug))


def test_one_line_counts_the_trials_in_people_and_their_direction() -> None:
    assert _line((study("a2020x"), study("b2021y", people=300))) == (
        "Two trials in people (500 people): favoured the scraping treatment."
    )


def test_one_line_says_when_trials_disagree_and_why_the_label_is_lower() -> None:
    line = _line((study("a2020x"), study("b2021y", direction="no clear difference")))
    assert line == "Two trials in people (400 people): results disagree. Lower for: results disagree."


def test_one_line_says_how_many_people_when_some_were_not_reported() -> None:
    assert _line((study("a2020x", people=None), study("b2021y"))).startswith(
        "Two trials in people (at least 200 people): "
    )
    assert _line((study("a2020x", people=None),)).startswith("One trial in people (number not reported): ")


def test_one_line_without_trials_in_people_says_so_and_names_the_other_studies() -> None:
    studies = (
        study("lab1", design="laboratory"),
        study("lab2", design="laboratory"),
        study("hv1", healthy_volunteers=True),
        study("rat1", design="animal"),
    )
    assert _line(studies) == (
        "No trials in people; also two lab studies, one trial in healthy volunteers, one animal study."
    )


def test_one_line_leaves_out_other_conditions_studies() -> None:
    assert _line((study("heel1", conditions=["heel-pain"]),)) == "No trials in people."


@pytest.mark.parametrize(
    ("step", "why"),
    [
        (Step("risk of bias", -1, "1 of 1 at high risk"), "people may have known their treatment"),
        (Step("imprecision", -2, "50 people"), "few people"),
        (Step("inconsistency", -1, "one trial: agreement cannot be shown"), "only one trial"),
        (Step("inconsistency", -1, "directions disagree: mixed"), "results disagree"),
        (Step("review", -1, "a review rates it low at best"), "reviews rate it lower"),
        (Step("something new", -1, "a reason"), "something new"),
    ],
)
def test_one_line_gives_each_step_down_in_plain_words(step: Step, why: str) -> None:
    line = one_line(rule(), (study(),), "knee-pain", judged(step))
    assert line.endswith(f". Lower for: {why}.")


def test_one_line_gives_no_reason_when_no_step_went_down() -> None:
    line = one_line(rule(), (study(),), "knee-pain", judged(Step("imprecision", 0, "enough people")))
    assert "Lower for" not in line


def test_one_line_escapes_the_rule_wording() -> None:
    line = one_line(rule(no_trials="No <trials> | yet"), (), "knee-pain", judged())
    assert line == "No &lt;trials&gt; \\| yet."


# ---------------------------------------------------------------- conditions_table


def test_the_conditions_table_puts_the_strongest_label_first_then_by_name() -> None:
    r = rule()
    back = Condition("back-pain", "Back pain")
    judgements = {
        "knee-pain": judged(label="Low"),
        "heel-pain": judged(label="High"),
        "back-pain": judged(label="Low"),
        "neck-pain": Judgement(r.no_trials, (), ()),
    }
    neck = Condition("neck-pain", "Neck pain")
    table = conditions_table(r, (study(),), (KNEE, neck, HEEL, back), judgements, "evidence.md")
    lines = table.splitlines()
    assert lines[:2] == ["| Condition | Evidence strength | In one line |", "|---|---|---|"]
    assert [cells(line)[0] for line in lines[2:]] == [
        "[Heel pain](conditions/heel-pain.md)",
        "[Back pain](conditions/back-pain.md)",
        "[Knee pain](conditions/knee-pain.md)",
        "[Neck pain](conditions/neck-pain.md)",
    ]
    assert cells(lines[4])[1] == badge("Low", "knee-pain")
    assert cells(lines[4])[2] == one_line(r, (study(),), "knee-pain", judgements["knee-pain"])
    assert table.endswith("|\n")


def test_the_conditions_table_links_relative_to_its_page() -> None:
    table = conditions_table(rule(), (), (KNEE,), {"knee-pain": judged()}, "science/evidence/index.md")
    assert "[Knee pain](../../conditions/knee-pain.md)" in table


# ---------------------------------------------------------------- rule_list


def test_the_rule_in_words_follows_its_settings() -> None:
    words = rule_list(rule())
    assert words.splitlines()[0] == (
        "1. We count only trials in people with the problem: randomised trials and pilot randomised "
        "trials start at High; non-randomised trials start at Low. Systematic reviews, case series, lab "
        "studies, animal studies and trials in healthy volunteers never count. With no trial in people, "
        'the label is "No trials in people".'
    )
    assert "the patients or people scoring the results knew" in words
    assert "fewer than 400 people in all; two levels when there were fewer than 100." in words
    assert "point different ways or when there is only one trial." in words
    assert words.endswith("6. Never lower than Very low.\n")


def test_the_rule_in_words_changes_when_the_settings_change() -> None:
    words = rule_list(
        rule(
            levels=["A", "B", "C", "D"],
            start={"RCT": "A"},
            imprecision={"few_people": 50, "very_few_people": 20},
            inconsistency={"single_trial": False},
        )
    )
    assert "randomised trials start at A. Systematic reviews, pilot randomised trials, " in words
    assert "fewer than 50 people in all; two levels when there were fewer than 20." in words
    assert "4. One level down when the trials point different ways.\n" in words
    assert words.endswith("6. Never lower than D.\n")
