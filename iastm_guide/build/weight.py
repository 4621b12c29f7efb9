"""Page weight in the build: icons inlined, and what the pages use collected for the
stylesheet trimming of the one pass after the build (iastm_guide/weight/)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from iastm_guide.build.state import Build
from iastm_guide.weight import icons


def inline_icons(build: Build) -> None:
    """The logo as decorative inline SVG (overrides/partials/logo.html), the favicon as a data: URI."""
    config = build.config
    try:
        logo = icons.read_svg(Path(config.docs_dir), "logo", config.theme.get("logo"))
        favicon = icons.read_svg(Path(config.docs_dir), "favicon", config.theme.get("favicon"))
    except icons.IconError as err:
        raise PluginError(str(err)) from None
    if logo is not None:
        config.extra["inline_logo"] = icons.decorative_svg(logo)
    if favicon is not None:
        config.theme["favicon"] = icons.svg_data_uri(favicon)


def collect_used(build: Build, output: str, page: Page) -> str:
    """Classes and custom properties the finished page uses (after every other change)."""
    build.used.collect(output)
    return output
