"""iastm_guide/evidence/chart.py: the evidence map, drawn by matplotlib once per input and cached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iastm_guide.evidence import chart

GRID = chart.Grid(
    rows=("Knee pain", "Heel pain & more"),
    columns=("Randomised trials", "Lab studies"),
    counts=((2, 0), (1, 5)),
)
TITLE, DESC = "Evidence map: studies by problem", "Knee pain: 2 randomised trials. Heel pain & more: ..."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache of this test's own (on disk and in memory)."""
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(chart, "_memory", {})
    return tmp_path / "cache" / "evidence-map"


def test_the_cache_key_is_the_same_for_the_same_grid_and_changes_with_any_of_it() -> None:
    key = GRID.key()
    assert re.fullmatch(r"[0-9a-f]{24}", key)
    assert chart.Grid(GRID.rows, GRID.columns, GRID.counts).key() == key
    changed = [
        chart.Grid(("Knee pain", "Heel pain"), GRID.columns, GRID.counts),
        chart.Grid(GRID.rows, ("Randomised trials", "Animal studies"), GRID.counts),
        chart.Grid(GRID.rows, GRID.columns, ((2, 0), (1, 4))),
    ]
    assert len({key, *(grid.key() for grid in changed)}) == 4


def test_bubbles_grow_with_the_count_from_the_smallest_to_the_largest_radius() -> None:
    assert chart._radius(5, 5) == chart.MAX_RADIUS
    assert chart._radius(1, 1) == chart.MIN_RADIUS  # a single size: every bubble the smallest
    assert chart.MIN_RADIUS < chart._radius(1, 5) < chart._radius(2, 5) < chart.MAX_RADIUS


def test_the_map_is_drawn_once_restyled_for_the_page_and_cached(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[chart.Grid] = []
    draw = chart.draw

    def counting(grid: chart.Grid) -> str:
        drawn.append(grid)
        return draw(grid)

    monkeypatch.setattr(chart, "draw", counting)
    svg = chart.evidence_map(GRID, title=TITLE, desc=DESC)
    assert drawn == [GRID]
    assert svg.startswith(
        '<svg viewBox="0 0 250 106" class="evidence-map" role="img" '
        'aria-labelledby="evidence-map-title" aria-describedby="evidence-map-desc">'
        f'<title id="evidence-map-title">{TITLE}</title><desc id="evidence-map-desc">'
        "Knee pain: 2 randomised trials. Heel pain &amp; more: ...</desc>"
    )
    for forbidden in ("style", "<script", "#00000", "<metadata", "url(#", "\n"):
        assert forbidden not in svg, forbidden
    # the data: row and column names as text, a bubble and its number for each count but 0
    names = re.findall(r'text-anchor="(?:end|middle)" fill="currentColor">([^<]+)<', svg)
    assert names == ["Randomised", "trials", "Lab", "studies", "Knee pain", "Heel pain &amp; more"]  # wrapped
    assert re.findall(r'class="em-on-dot">(\d+)<', svg) == ["2", "1", "5"]
    assert svg.count('class="em-dot"') == 3
    assert f'd="M 0 {chart.MAX_RADIUS} ' in svg  # the largest count has the largest bubble
    # cached on disk as returned; read from the disk, then from memory, without drawing again
    (path,) = cache.glob("*.svg")
    assert path.name.startswith(GRID.key()) and path.read_text(encoding="utf-8") == svg
    assert chart.evidence_map(GRID, title=TITLE, desc=DESC) == svg
    path.write_text("<svg>from the disk</svg>", encoding="utf-8")
    monkeypatch.setattr(chart, "_memory", {})
    assert chart.evidence_map(GRID, title=TITLE, desc=DESC) == "<svg>from the disk</svg>"
    path.unlink()
    assert chart.evidence_map(GRID, title=TITLE, desc=DESC) == "<svg>from the disk</svg>"  # memory
    assert drawn == [GRID]
    # the same bytes when drawn again; another title is another map
    assert draw(GRID) == draw(GRID)
    other = chart.evidence_map(GRID, title="Another title", desc=DESC)
    assert drawn == [GRID, GRID] and "Another title" in other
    (again,) = cache.glob("*.svg")  # the first map's file was removed above
    assert again != path and again.read_text(encoding="utf-8") == other


def test_a_cache_that_cannot_be_written_or_read_still_gives_the_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("IASTM_GUIDE_CACHE", str(blocked))
    monkeypatch.setattr(chart, "_memory", {})
    svg = chart.evidence_map(GRID, title=TITLE, desc=DESC)
    assert svg.startswith('<svg viewBox="0 0 250 106" class="evidence-map"') and svg.endswith("</svg>")
    assert blocked.read_text(encoding="utf-8") == "a file where the cache folder should be"
