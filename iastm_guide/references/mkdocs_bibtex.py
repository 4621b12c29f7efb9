"""The one adapter between the site's references and mkdocs-bibtex's internals.

mkdocs-bibtex 4.4.0 (archived, pinned exactly) turns `[@key]` into numbered footnotes
and writes each page's reference list. It parses references.bib itself and formats
entries with pybtex's plain style. This adapter, the only code that reaches into the
plugin, hands it a registry that already holds the bibliography parsed once by
bibliography.py and formats entries in the site's medical style (csl.py, style.py), and tells
the plugin the file is loaded (`last_configured`), so it does not parse it again.
Everything else asks this module for the plugin's settings. Its config step must run
before the plugin's own `on_config` (hooks/config.py runs at priority 100).
"""

from __future__ import annotations

import time
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.registry import SimpleRegistry

from iastm_guide.references import style
from iastm_guide.references.bibliography import Bibliography


class MedicalRegistry(SimpleRegistry):  # type: ignore[misc]  # untyped library
    """mkdocs-bibtex's simple registry, with entries already parsed and our style."""

    def __init__(self, bib: Bibliography, footnote_format: str) -> None:
        # Deliberately not calling super().__init__: it would parse the file again.
        self.bib = bib
        self.bib_data = bib.data
        self.footnote_format = footnote_format

    def reference_text(self, citation: Any) -> str:
        if citation.key not in self.bib_data.entries:
            # The citation check has already failed the build, naming file and line.
            return f"Unknown reference '{citation.key}'"
        return style.to_markdown(self.bib.reference(citation.key))


def _plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("mkdocs.yml: the bibtex plugin must be enabled (the citations need it)")
    return plugin


def bib_file(config: MkDocsConfig) -> str:
    """references.bib, as mkdocs.yml names it (relative to mkdocs.yml)."""
    return str(_plugin(config).config.bib_file)


def install(config: MkDocsConfig, bib: Bibliography) -> None:
    """Give the plugin the parsed bibliography and the site's style, before its on_config."""
    plugin = _plugin(config)
    plugin.registry = MedicalRegistry(bib, plugin.config.footnote_format)
    plugin.last_configured = time.time() + 1  # the plugin then skips its own parse
