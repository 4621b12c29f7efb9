"""A `Build` over the real mkdocs.yml, for the build's steps fed one at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from iastm_guide.build.state import Build
from tests.helpers import ROOT

MakeBuild = Callable[..., Build]


@pytest.fixture
def make_build(tmp_path: Path) -> MakeBuild:
    """make_build(**config overrides) -> a Build of the real project, site in tmp_path."""

    def make(**overrides: Any) -> Build:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), **overrides)
        return Build(config, ROOT, serving=False, today=dt.date(2026, 11, 24))

    return make
