#!/usr/bin/env python3
"""Start a new page from a template, with valid front matter and the required sections.

    make new-page TYPE=condition SLUG=knee-pain TITLE="Knee pain"
    .venv/bin/python scripts/new_page.py condition knee-pain "Knee pain" [--description TEXT]

TYPE is a template in templates/ (condition, topic). The page goes to
docs/conditions/SLUG.md for a condition and docs/SLUG.md otherwise; SLUG may name a
folder (science/fascia). It is dated today (IASTM_TODAY=YYYY-MM-DD to choose the day),
due for review in a year, and awaits clinical review. An existing page is never
overwritten. Then add the page to `nav` in mkdocs.yml and run `make serve`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")
FOLDER = {"condition": "conditions"}
REVIEW_AFTER_DAYS = 365
DESCRIPTION_MAX = 160


class RefusedError(Exception):
    """The page cannot be made; the message says why and what to do."""


def today() -> dt.date:
    value = os.environ.get("IASTM_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def target(root: Path, page_type: str, slug: str) -> Path:
    if not SLUG.fullmatch(slug):
        raise RefusedError(f"SLUG '{slug}' must be lower case words joined by hyphens, e.g. knee-pain")
    folder = FOLDER.get(page_type, "") if "/" not in slug else ""
    return root / "docs" / folder / f"{slug}.md"


def render(root: Path, page_type: str, title: str, description: str, day: dt.date, slug: str = "") -> str:
    template = root / "templates" / f"{page_type}.md"
    if not template.is_file():
        kinds = ", ".join(sorted(p.stem for p in (root / "templates").glob("*.md")))
        raise RefusedError(f"no template for TYPE '{page_type}'; use one of: {kinds}")
    if not title.strip():
        raise RefusedError('TITLE is empty; give the page a title, e.g. TITLE="Knee pain"')
    if not description.strip() or len(description) > DESCRIPTION_MAX or "\n" in description:
        raise RefusedError(f"the description must be one line of 1 to {DESCRIPTION_MAX} characters")
    return string.Template(template.read_text(encoding="utf-8")).substitute(
        title=_yaml_text(title),
        description=_yaml_text(description),
        last_reviewed=day.isoformat(),
        next_review=(day + dt.timedelta(days=REVIEW_AFTER_DAYS)).isoformat(),
        slug=slug.rsplit("/", 1)[-1],  # the condition's markers: [[label: $slug]]
    )


def _yaml_text(text: str) -> str:
    """A YAML-safe one-line scalar (quoted when it has a colon or starts oddly)."""
    text = " ".join(text.split())
    if re.search(r":\s|\s#|^[^\w(]", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def create(root: Path, page_type: str, slug: str, title: str, description: str) -> Path:
    path = target(root, page_type, slug)
    if path.exists():
        raise RefusedError(f"{path.relative_to(root)} already exists; choose another SLUG, or edit that page")
    text = render(root, page_type, title, description, today(), slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("type", help="condition or topic (a file in templates/)")
    parser.add_argument("slug", help="the page's web address, e.g. knee-pain")
    parser.add_argument("title", help='the page title, e.g. "Knee pain"')
    parser.add_argument(
        "--description",
        default="A plain summary of this page in one or two sentences, for search results and link previews.",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = create(args.root, args.type, args.slug, args.title, args.description)
    except RefusedError as err:
        print(f"make new-page: {err}", file=sys.stderr)
        return 1
    rel = path.relative_to(args.root).as_posix()
    print(f"Created {rel} from templates/{args.type}.md.")
    print(
        f"Next: add it to nav in mkdocs.yml, e.g.   - {_yaml_text(args.title)}: {rel.removeprefix('docs/')}"
    )
    print("then write it (docs-guide/style-guide.md) and preview with make serve.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
