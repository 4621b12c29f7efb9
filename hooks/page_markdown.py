"""MkDocs phase `page_markdown`: the steps and their order are named in
iastm_guide/build/pipeline.py. Runs before mkdocs-bibtex, which must see the citations."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["page_markdown"])
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return pipeline.page_markdown(markdown, page)
