"""MkDocs phase `post_page`: the steps and their order are named in iastm_guide/build/pipeline.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["post_page"])
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return pipeline.post_page(output, page)
