"""MkDocs phase `files`: the steps and their order are named in iastm_guide/build/pipeline.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from iastm_guide.build import pipeline


@event_priority(pipeline.PRIORITY["files"])
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return pipeline.files(files)
