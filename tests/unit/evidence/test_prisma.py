"""iastm_guide/evidence/prisma.py: the search's flow diagram, added up from the log and drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from iastm_guide.evidence.prisma import BOX_H, Flow, describe, diagram, flow
from tests.unit.evidence.helpers import question

SVG = "{http://www.w3.org/2000/svg}"
HEEL = question(
    "heel-pain",
    searches=[
        {
            "date": question().searches[0].date,
            "tool": "a search tool",
            "source": "a database",
            "query": "IASTM heel",
            "results": 8,
            "relevant": 2,
        }
    ],
    records_identified=8,
    duplicates_removed=1,
    records_screened=7,
    excluded_on_screening=2,
    full_text_assessed=5,
    excluded_after_full_text=[
        {"record": "Example C 2019", "reason": "  not  randomised "},
        {"record": "Example D 2018", "reason": "healthy volunteers only"},
        {"record": "Example E 2017", "reason": "a single session"},
        {"record": "Example F 2016", "reason": "a single session"},
    ],
    included=["doe2020trial"],  # also included for knee pain
)


def numbers(svg: str) -> list[int]:
    """The big number of each box, in drawing order."""
    return [int(n) for n in re.findall(r'font-size="14" font-weight="700">(\d+)</text>', svg)]


# ---------------------------------------------------------------- flow


def test_flow_adds_up_the_counts_of_every_question() -> None:
    f = flow([question(), HEEL])
    assert (f.identified, f.duplicates, f.screened, f.excluded_screening) == (20, 3, 17, 8)
    assert (f.full_text, f.excluded_full_text, f.included) == (9, 6, 3)


def test_flow_counts_a_study_included_for_two_questions_once() -> None:
    f = flow([question(), HEEL])
    assert f.included == 3 and f.studies == 2


def test_flow_lists_the_reasons_most_common_first_then_by_name_with_spaces_tidied() -> None:
    assert flow([question(), HEEL]).reasons == (
        ("a single session", 2),
        ("healthy volunteers only", 2),
        ("not randomised", 2),
    )
    assert flow([question()]).reasons == (("healthy volunteers only", 1), ("not randomised", 1))


def test_flow_of_no_questions_is_all_zeros() -> None:
    assert flow([]) == Flow(0, 0, 0, 0, 0, 0, 0, 0, ())


# ---------------------------------------------------------------- describe


def test_describe_says_every_number_of_the_diagram_in_words() -> None:
    assert describe(flow([question()])) == (
        "Searching found 12 records. 2 duplicates were removed, leaving 10 records to screen by title "
        "and abstract, of which 6 were left out. 4 were read more closely (abstract, first page or trial "
        "record), and 2 of those were left out. 2 were included."
    )


def test_describe_says_how_many_different_studies_when_one_answers_two_questions() -> None:
    assert describe(flow([question(), HEEL])).endswith(" 3 were included (2 different studies).")


# ---------------------------------------------------------------- diagram


def test_the_diagram_is_well_formed_svg_with_a_title_and_description() -> None:
    svg = diagram(flow([question()]))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "prisma-flow-title"
    assert root.get("aria-describedby") == "prisma-flow-desc"
    assert root.findtext(f"{SVG}title", "").startswith("How we searched")
    assert [e.get("id") for e in root.iter() if e.get("id")] == ["prisma-flow-title", "prisma-flow-desc"]
    assert "\n" not in svg


def test_the_diagram_has_seven_boxes_six_arrows_and_the_numbers_in_reading_order() -> None:
    f = flow([question(), HEEL])
    svg = diagram(f)
    root = ET.fromstring(svg)
    assert len(root.findall(f"{SVG}rect")) == 7
    assert len(root.findall(f"{SVG}path")) == 12  # a line and a head for each arrow
    assert numbers(svg) == [
        f.identified,
        f.duplicates,
        f.screened,
        f.excluded_screening,
        f.full_text,
        f.excluded_full_text,
        f.included,
    ]


def test_the_diagram_is_drawn_in_the_text_colour_without_styles_classes_or_scripts() -> None:
    svg = diagram(flow([question()]))
    inside = svg.split(">", 1)[1]
    for forbidden in (r"\sstyle=", "<style", r"\sclass=", "<script", r"\son\w+="):
        assert not re.search(forbidden, inside), forbidden
    assert set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg)) == {"currentColor", "none"}


def test_the_diagram_is_as_tall_as_its_four_rows_of_boxes() -> None:
    root = ET.fromstring(diagram(flow([question()])))
    bottoms = [int(r.get("y", "0")) + BOX_H for r in root.findall(f"{SVG}rect")]
    assert root.get("viewBox") == f"0 0 360 {max(bottoms) + 4}"


def test_the_diagram_changes_with_the_numbers() -> None:
    assert diagram(flow([question()])) != diagram(flow([question(), HEEL]))
    assert numbers(diagram(flow([]))) == [0] * 7
