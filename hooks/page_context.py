"""MkDocs phase `page_context`: the steps and their order are named in
iastm_guide/build/pipeline.py. Runs after Material's search has indexed the page."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["page_context"])
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return pipeline.page_context(context, page)
