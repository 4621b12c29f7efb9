"""Helpers shared by the findability and handout hooks (not a hook itself).

- `source_path`: the page's file as an editor would type it (docs/x.md).
- `meta_date`: a front matter date (`last_reviewed: 2026-11-24`) as an ISO string,
  or a problem message naming the key and the fix.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def source_path(page: Page, config: MkDocsConfig) -> str:
    """The page's file relative to mkdocs.yml, as an editor would type it."""
    root = Path(config.config_file_path).parent
    return os.path.relpath(page.file.abs_src_path or page.file.src_uri, root)


def meta_date(meta: Mapping[str, Any], key: str) -> tuple[str | None, str | None]:
    """(ISO date, None) when `key` holds a date; (None, problem) otherwise."""
    value = meta.get(key)
    if value is None:
        return None, f"front matter has no '{key}' date; add a line '{key}: YYYY-MM-DD'"
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat(), None
    except ValueError:
        return None, f"'{key}: {value}' is not a date; write it as YYYY-MM-DD, e.g. {key}: 2026-11-24"
