"""MkDocs phase `post_build`: the one pass over the built site, and the end-of-build
reports; the steps and their order are named in iastm_guide/build/pipeline.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["post_build"])
def on_post_build(config: MkDocsConfig) -> None:
    pipeline.post_build()
