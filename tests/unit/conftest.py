"""Fixtures for the unit tests: the project's real content rules."""

import pytest

from iastm_guide.content import rules as content_rules
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def rules() -> content_rules.Rules:
    """The project's real content-rules.yml."""
    return content_rules.load(ROOT / "content-rules.yml")
