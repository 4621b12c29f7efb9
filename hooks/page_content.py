"""MkDocs phase `page_content`: the steps and their order are named in iastm_guide/build/pipeline.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["page_content"])
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return pipeline.page_content(html, page)
