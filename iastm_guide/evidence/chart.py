"""The evidence map: which kinds of study exist for which problem, drawn at build time.

A bubble grid (rows: problems; columns: kinds of study; bubble area: number of
studies, the number written inside) drawn by matplotlib, the maintained charting
library, to SVG with text kept as text (`svg.fonttype: none`), a fixed hash salt and
no date, so the same data always gives the same bytes. `svg.restyle` then makes it
fit to inline: text and lines take the page's text colour, the circles a class that
extra.css colours from Material's palette (light, dark and print); no inline styles
(the site's CSP forbids them), no script.

matplotlib takes about 1.5 s and 80 MB to import, so it is imported only when a map
is drawn, and each map is cached by a hash of its input (and of this code and the
library's version): in memory for `mkdocs serve`, and on disk (IASTM_GUIDE_CACHE, or
~/.cache/iastm-guide) across builds.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from iastm_guide.cache import cache_dir, code_key, write_atomically
from iastm_guide.evidence import svg

# Colours the chart is drawn with, each standing for a class in extra.css.
INK, GRID, DOT, ON_DOT = "#000001", "#000002", "#000003", "#000004"
COLOURS = {INK: "currentColor", GRID: "currentColor", DOT: ".em-dot", ON_DOT: ".em-on-dot"}
ROW = 28.0  # points per row
TOP = 46.0  # points for the column headings
LEFT = 132.0  # points for the row names
COLUMN = 56.0  # points per column
MAX_RADIUS = 12.5
MIN_RADIUS = 7.5
LINE = 12.0  # points between the lines of a wrapped name


@dataclass(frozen=True)
class Grid:
    """What the map shows: row names, column names, and counts[row][column]."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def key(self) -> str:
        code = code_key(svg.__file__ or "", __file__)
        blob = json.dumps([self.rows, self.columns, self.counts, version("matplotlib"), code]).encode()
        return hashlib.sha256(blob).hexdigest()[:24]


def _radius(n: int, most: int) -> float:
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * ((n / most) ** 0.5 if most > 1 else 0)


def draw(grid: Grid) -> str:
    """The map as matplotlib's SVG text (before restyling)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    width = LEFT + COLUMN * len(grid.columns) + 6
    height = TOP + ROW * len(grid.rows) + 4
    settings: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": "iastm-guide-evidence-map"}
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]  # a plain dict of known keys
        figure = Figure(figsize=(width / 72, height / 72), dpi=72)
        figure.patch.set_visible(False)  # no background: the page's shows through
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, width)
        axes.set_ylim(height, 0)
        axes.set_axis_off()
        most = max((n for row in grid.counts for n in row), default=0)
        # One text a line (matplotlib would place the lines of a multi-line text by its own
        # font's widths; the page shows the site's font, so each line is anchored instead).
        for c, name in enumerate(grid.columns):
            x = LEFT + COLUMN * (c + 0.5)
            lines = textwrap.wrap(name, 10)
            for n, line in enumerate(lines):
                y = TOP - 8 - LINE * (len(lines) - 1 - n)
                axes.text(x, y, line, ha="center", va="baseline", color=INK, fontsize=11)
        for r, name in enumerate(grid.rows):
            y = TOP + ROW * (r + 0.5)
            axes.plot(
                [LEFT - 4, width - 2], [y, y], color=GRID, alpha=0.35, linewidth=0.8, solid_capstyle="butt"
            )
            lines = textwrap.wrap(name, 22)[:2]
            for n, line in enumerate(lines):
                dy = LINE * (n - (len(lines) - 1) / 2)
                axes.text(LEFT - 8, y + dy, line, ha="right", va="center_baseline", color=INK, fontsize=11)
            for c, n in enumerate(grid.counts[r]):
                if n == 0:
                    continue
                x = LEFT + COLUMN * (c + 0.5)
                size = (2 * _radius(n, most)) ** 2  # scatter sizes are areas in points squared
                axes.scatter([x], [y], s=size, color=DOT, linewidths=0, zorder=2)
                axes.text(x, y, str(n), ha="center", va="center_baseline", color=ON_DOT, fontsize=10,
                          fontweight="bold", zorder=3)  # fmt: skip
        for artist in (*axes.lines, *axes.collections, *axes.texts):
            artist.set_clip_on(False)
        out = io.StringIO()
        FigureCanvasSVG(figure).print_svg(out, metadata={"Date": None})  # type: ignore[no-untyped-call]
    return out.getvalue()


_memory: dict[str, str] = {}


def evidence_map(grid: Grid, *, title: str, desc: str) -> str:
    """The finished inline SVG, drawn once per distinct input."""
    key = grid.key() + hashlib.sha256(f"{title}\n{desc}".encode()).hexdigest()[:8]
    if key in _memory:
        return _memory[key]
    path = cache_dir("evidence-map") / f"{key}.svg"
    try:
        finished = path.read_text(encoding="utf-8")
    except OSError:
        root = svg.restyle(draw(grid), COLOURS, prefix="evidence-map")
        finished = svg.finish(root, ident="evidence-map", title=title, desc=desc, css_class="evidence-map")
        write_atomically(path, finished.encode("utf-8"))
    _memory[key] = finished
    return finished
