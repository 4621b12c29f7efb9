"""The four Material partials copied into overrides/ differ from the installed
theme's own only by their one intended change each. After a Material upgrade this
fails until the new partial is copied again and the change re-applied."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from tests.helpers import ROOT

THEME = Path(material.__file__).parent / "templates"
TOC_LABEL = """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>"""
TOC_NEW = """    {% if page.is_index and page.parent and "navigation.indexes" in features %}
      <div class="md-nav__title">
        {{ title }}
      </div>
    {% else %}
      <label class="md-nav__title" for="__toc">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </label>
    {% endif %}"""
CHANGES = {
    "partials/search.html": [('role="dialog">', 'role="dialog" aria-label="Search this site">')],
    "partials/path.html": [("aria-label=\"{{ lang.t('nav') }}\"", 'aria-label="Breadcrumb"')],
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}')
    ],
    "partials/toc.html": [(TOC_LABEL, TOC_NEW)],
}
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_copied_partial_differs_only_by_its_intended_change(name: str) -> None:
    theirs = HEADER.sub("", (THEME / name).read_text(encoding="utf-8"))
    for old, new in CHANGES[name]:
        assert old in theirs, (
            f"Material's {name} changed: copy it again into overrides/ and re-apply the change"
        )
        theirs = theirs.replace(old, new)
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    assert HEADER.match(ours), f"overrides/{name} must start with a comment saying what was changed"
    assert HEADER.sub("", ours) == theirs, (
        f"overrides/{name} differs from Material's copy by more than its intended change: "
        "copy the theme's file again and re-apply only the change its header describes"
    )
