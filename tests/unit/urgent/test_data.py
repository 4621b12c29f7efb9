"""iastm_guide.urgent.data: urgent-help.yml read and checked; each rule seen to pass and fail."""

from __future__ import annotations

import pytest

from iastm_guide.urgent import UrgentHelpError
from iastm_guide.urgent.data import LEVELS, check_links, load, parse_data, unsourced
from tests.helpers import ROOT

LEVELS_YAML = """levels:
  - id: emergency
    lead_in: "Call your local emergency number if:"
    detect: [emergency number]
  - id: same-day
    lead_in: "Get medical help the same day if:"
    detect: [the same day]
  - id: soon
    lead_in: "See your doctor soon if:"
    detect: [doctor soon]
"""
SIGNS_YAML = """signs:
  - id: calf-clot
    says: your calf is swollen and warm
    level: same-day
    conditions: [heel-pain, after-treatment]
    sources: [nhs_dvt]
    detect: [calf + swol*]
  - id: chest-pain
    says: you have chest pain
    level: emergency
    conditions: [heel-pain]
    sources: []
    detect: [chest pain]
    notes: no source read yet
"""
GOOD = LEVELS_YAML + SIGNS_YAML
SIGNS_AT = GOOD.splitlines().index("signs:") + 1  # 1-based line of "signs:"


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def problems(text: str) -> list[str]:
    with pytest.raises(UrgentHelpError) as err:
        parse_data(text)
    return [str(p) for p in err.value.problems]


def test_the_real_file_loads_with_three_levels_and_its_signs() -> None:
    data = load(ROOT / "urgent-help.yml")
    assert tuple(data.levels) == LEVELS
    assert len(data.signs) >= 10
    assert data.signs["calf-clot"].level == "same-day"
    assert data.line("calf-clot") == line_of((ROOT / "urgent-help.yml").read_text(), "id: calf-clot")


def test_a_good_file_parses_with_lines() -> None:
    data = parse_data(GOOD)
    assert list(data.signs) == ["calf-clot", "chest-pain"]
    assert data.line("chest-pain") == line_of(GOOD, "id: chest-pain")
    assert data.item_lines[("calf-clot", "sources", "nhs_dvt")] == line_of(GOOD, "sources: [nhs_dvt]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("    level: emergency", "    level: emergency\n  bad"), "not valid YAML"),
        (GOOD.replace("    detect: [chest pain]\n", ""), "sign 'chest-pain' has no 'detect'; add it"),
        (GOOD.replace("level: emergency", "level: urgent"), "'urgent' is not a level; use emergency"),
        (GOOD.replace("id: chest-pain", "id: Chest Pain"), "is not a name: use lower-case words"),
        (GOOD.replace("    notes: no", "    colour: red\n    notes: no"), "'colour' is not a field here"),
        (GOOD.replace("sources: [nhs_dvt]", "sources: nhs_dvt"), "'sources' must be a list"),
        (GOOD.replace("conditions: [heel-pain]", "conditions: []"), "'conditions' is empty"),
        (GOOD.replace("says: you have chest pain", "says: 12"), "'says' must be text"),
        (
            GOOD.replace("    level: emergency", "    level: emergency\n    level: soon"),
            "'level' appears twice",
        ),
    ],
)
def test_a_malformed_record_is_one_line_naming_the_file_and_line(text: str, expected: str) -> None:
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith("urgent-help.yml:") and expected in found[0], found


def test_a_yaml_error_names_its_line() -> None:
    text = GOOD.replace("    sources: []", "    sources: [")
    [found] = problems(text)
    assert found.startswith("urgent-help.yml:")
    opened = text.splitlines().index("    sources: [") + 1
    assert int(found.split(":")[1]) > opened
    assert f"started at line {opened}" in found


def test_a_file_that_is_not_a_record_is_one_line() -> None:
    assert problems("- a\n- b\n") == [
        "urgent-help.yml:1: the file must be a record with 'levels:' and 'signs:' (see the comments in the "
        "real file)"
    ]


def test_a_missing_field_points_at_its_record() -> None:
    text = GOOD.replace("    level: emergency\n", "")
    assert problems(text) == [
        f"urgent-help.yml:{line_of(text, 'id: chest-pain')}: sign 'chest-pain' has no 'level'; add it "
        "(the fields are described at the top of the file)"
    ]


def test_the_same_id_twice_is_refused() -> None:
    text = GOOD + SIGNS_YAML.split("signs:\n", 1)[1].split("  - id: chest-pain", 1)[0]
    [found] = problems(text)
    assert found.startswith(f"urgent-help.yml:{len(GOOD.splitlines()) + 1}:")
    assert f"sign id 'calf-clot' is used twice (first at line {SIGNS_AT + 1})" in found


def test_one_sign_at_two_levels_is_refused() -> None:
    twin = """  - id: leg-clot
    says: your calf is swollen, red and warm
    level: emergency
    conditions: [after-treatment]
    sources: [nhs_dvt]
    detect: [red + warm]
"""
    found = problems(GOOD + twin)
    assert any(
        p.startswith(
            f"urgent-help.yml:{len(GOOD.splitlines()) + 1}: sign 'leg-clot' reads as sign 'calf-clot'"
        )
        and "one sign defined at two levels (emergency and same-day)" in p
        for p in found
    ), found


def test_phrases_must_identify_their_own_sign_and_level() -> None:
    text = GOOD.replace("detect: [calf + swol*]", "detect: [calf + cold]").replace(
        "detect: [doctor soon]", "detect: [see a GP]"
    )
    found = problems(text)
    assert any("sign 'calf-clot': no detect phrase matches its own wording" in p for p in found), found
    assert any("level 'soon': no detect phrase matches its own lead_in" in p for p in found), found


def test_a_malformed_phrase_is_refused() -> None:
    [found] = problems(GOOD.replace("detect: [chest pain]", "detect: [chest (pain)]"))
    assert "detect phrase 'chest (pain)'" in found and "is not a term" in found


def test_the_levels_are_the_three_in_order() -> None:
    text = GOOD.replace("id: same-day", "id: soonish")
    assert any("'soonish' is not a level" in p for p in problems(text))
    swapped = GOOD.replace("id: same-day", "id: tmp").replace("id: soon\n", "id: same-day\n")
    swapped = swapped.replace("id: tmp", "id: soon")
    assert any("levels must be emergency, same-day, soon, in this order" in p for p in problems(swapped))


def test_wording_follows_the_lead_in_without_markup() -> None:
    for says in (
        "You have chest pain",
        "you have chest pain.",
        "you have *chest pain*",
        "see [@x] chest pain",
    ):
        text = GOOD.replace("says: you have chest pain", f'says: "{says}"')
        assert any("write 'says' as plain words" in p for p in problems(text)), says


def test_a_sign_without_sources_needs_notes() -> None:
    text = GOOD.replace("    notes: no source read yet\n", "")
    assert any("sign 'chest-pain' has no sources" in p for p in problems(text))


def test_sources_and_conditions_must_exist() -> None:
    data = parse_data(GOOD)
    assert check_links(data, ["NHS_DVT"], {"heel-pain"}) == []  # keys ignore case
    found = [str(p) for p in check_links(data, [], {"knee-pain"})]
    nowhere = (
        "'heel-pain', but there is no page docs/conditions/heel-pain.md; use a condition page's file name, "
        "or after-treatment"
    )
    assert found == [
        f"urgent-help.yml:{line_of(GOOD, 'sources: [nhs_dvt]')}: sign 'calf-clot' cites 'nhs_dvt', which is "
        "not in references.bib; add the entry there (checked, see CONTRIBUTING.md) or fix the key",
        f"urgent-help.yml:{line_of(GOOD, 'conditions: [heel-pain, after')}: sign 'calf-clot' names the "
        f"condition {nowhere}",
        f"urgent-help.yml:{line_of(GOOD, 'conditions: [heel-pain]')}: sign 'chest-pain' names the condition "
        f"{nowhere}",
    ]


def test_signs_without_a_source_are_reported() -> None:
    assert [p.message for p in unsourced(parse_data(GOOD))] == [
        "sign 'chest-pain' has no source yet (reported, not a failure); cite one when it has been read"
    ]


def test_an_unreadable_file_is_one_line(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(UrgentHelpError, match=r"^urgent-help.yml:1: cannot be read"):
        load(ROOT / "no-such-file.yml")
