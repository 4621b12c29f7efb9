"""MkDocs phases `nav`, `env`, `template_context` and `post_template`: what the theme's
templates are rendered with, kept for the Content Security Policy and the stylesheet
trimming of the one pass after the build (iastm_guide/build/pipeline.py)."""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from iastm_guide.build import pipeline


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return pipeline.nav(nav)


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return pipeline.env(env, files)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    return pipeline.template_context(context)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return pipeline.post_template(output_content)
