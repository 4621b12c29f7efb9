"""Unit tests import the hook modules directly, as MkDocs does."""

import sys

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
