"""iastm_guide/references/mkdocs_bibtex.py: the one adapter to mkdocs-bibtex's internals."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import Citation

from iastm_guide.references import bibliography, mkdocs_bibtex, style
from tests.helpers import ROOT


def test_the_plugin_gets_the_parsed_bibliography_and_the_sites_style(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    assert mkdocs_bibtex.bib_file(config) == "references.bib"
    bib = bibliography.load(ROOT / "references.bib", "references.bib")
    mkdocs_bibtex.install(config, bib)
    plugin: Any = config.plugins["bibtex"]
    plugin.on_config(config)  # the plugin's own step: it must not parse the file again
    assert plugin.registry.bib_data is bib.data
    key = next(iter(bib.data.entries))
    expected = style.to_markdown(style.reference(bib.texts[key.lower()], bib.data.entries[key]))
    assert plugin.registry.reference_text(Citation(key)) == expected
    assert plugin.registry.reference_text(Citation("no-such-key")) == "Unknown reference 'no-such-key'"


def test_a_site_without_the_plugin_is_told_to_enable_it() -> None:
    with pytest.raises(PluginError, match="the bibtex plugin must be enabled"):
        mkdocs_bibtex.bib_file(SimpleNamespace(plugins={}))  # type: ignore[arg-type]
