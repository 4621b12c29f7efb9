"""MkDocs phase `config` (and `startup`): the steps and their order are named in
iastm_guide/build/pipeline.py. Runs before mkdocs-bibtex reads references.bib."""

from __future__ import annotations

from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from iastm_guide.build import pipeline


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    pipeline.startup(command)


@event_priority(pipeline.PRIORITY["config"])
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return pipeline.config(config)
