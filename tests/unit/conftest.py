"""Unit tests import the hook modules directly, as MkDocs does."""

import sys

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

import content_rules  # needs hooks/ on sys.path, above


@pytest.fixture(scope="session")
def rules() -> content_rules.Rules:
    """The project's real content-rules.yml."""
    return content_rules.load(ROOT / "content-rules.yml")
