"""`make check`: the build's content checks over every page, without building.

    .venv/bin/python -m iastm_guide.check [--verbose] [--root DIR]

Runs the same checkers the build runs, with the same messages, on the files as they
are on disk: content-rules.yml, references.bib (its entries), the glossary, every SVG
under docs/, and every page (front matter and review dates, sections, readability,
claims, images; snippets; citations; urgent advice typed by hand). It prints one line
a problem, `file:line: what is wrong; what to do`, exits 1 if there is any, and takes
about a second for the whole site, so an editor has answers before a preview reloads
(a pre-commit hook runs it too). What needs a rendered page (links and anchors, the
HTML that content may not carry, the evidence tables) only the build checks.

It needs no site generator: mkdocs.yml is read as YAML for the four settings that
matter (docs_dir, exclude_docs, the snippets' folders, the bibliography's file).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml

from iastm_guide.content import checks as content_checks
from iastm_guide.content import glossary, images, review_dates
from iastm_guide.content import rules as content_rules
from iastm_guide.content.page import Source
from iastm_guide.content.snippets import Expander
from iastm_guide.problems import Problem
from iastm_guide.references import bibliography, citations
from iastm_guide.references import checks as bib_checks
from iastm_guide.security.files import NotTextError, read_text
from iastm_guide.urgent import DATA_FILE, UrgentHelpError
from iastm_guide.urgent.data import Data as UrgentData

DEFAULT_EXCLUDE = [".*", "/templates/"]  # what MkDocs leaves out of docs/ by itself


class _Config(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving its !ENV and other tags empty."""


_Config.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


@dataclass
class Settings:
    """What `make check` needs from mkdocs.yml."""

    root: Path
    docs: Path
    exclude: pathspec.GitIgnoreSpec
    snippets: dict[str, Any]
    bib_file: str | None

    @classmethod
    def read(cls, root: Path) -> Settings:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Config) or {}
        lines = DEFAULT_EXCLUDE + str(config.get("exclude_docs") or "").splitlines()
        snippets: dict[str, Any] = {}
        for item in config.get("markdown_extensions") or []:
            if isinstance(item, dict) and "pymdownx.snippets" in item:
                snippets = dict(item["pymdownx.snippets"] or {})
        bib_file = None
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "bibtex" in plugin:
                bib_file = str((plugin["bibtex"] or {}).get("bib_file") or "") or None
        bases = snippets.get("base_path", ["."])
        snippets["base_path"] = [str(root / b) for b in ([bases] if isinstance(bases, str) else bases)]
        return cls(
            root,
            root / str(config.get("docs_dir") or "docs"),
            pathspec.GitIgnoreSpec.from_lines(lines),
            snippets,
            bib_file,
        )

    def pages(self) -> list[Path]:
        """Every page MkDocs would build, in path order."""
        found = []
        for path in sorted(self.docs.rglob("*.md")):
            relative = path.relative_to(self.docs).as_posix()
            if not self.exclude.match_file(relative):
                found.append(path)
        return found

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    pages: int = 0


def _condition_slugs(settings: Settings, pages: list[Path]) -> set[str]:
    conditions = settings.docs / "conditions"
    return {p.stem for p in pages if p.parent == conditions and p.name != "index.md"}


def check_site(root: Path) -> Iterator[tuple[str, Problem]]:
    """("problem" or "note", what) for everything the checks find, in a steady order."""
    settings = Settings.read(root)
    try:
        rules = content_rules.load(root / content_rules.FILE_NAME)
    except content_rules.RulesError as err:
        yield "problem", _parsed(str(err), content_rules.FILE_NAME)
        return
    today = review_dates.today()
    known: set[str] = set()
    if settings.bib_file:
        try:
            bib = bibliography.load(root / settings.bib_file, settings.bib_file)
        except bibliography.BibliographyError as err:
            yield "problem", _parsed(str(err), settings.bib_file)
        else:
            known = set(bib.data.entries.keys())
            yield from (("problem", p) for p in bib_checks.check(bib, rules.bib_required_fields))
    glossary_path = settings.docs / glossary.GLOSSARY
    glossary_name = settings.name(glossary_path)
    if not glossary_path.is_file():
        yield (
            "problem",
            Problem(glossary_name, 0, "the glossary file is missing; restore it (see CONTRIBUTING.md)"),
        )
    else:
        try:
            _, found = glossary.read_glossary(read_text(glossary_path, glossary_name), glossary_name)
        except NotTextError as err:
            yield "problem", _parsed(str(err), glossary_name)
        else:
            yield from (("problem", p) for p in found)
    for svg in sorted(settings.docs.rglob("*.svg")):
        if not settings.exclude.match_file(svg.relative_to(settings.docs).as_posix()):
            yield from (
                ("problem", p) for p in images.check_svg(svg.read_text(encoding="utf-8"), settings.name(svg))
            )
    pages = settings.pages()
    urgent = _urgent(root, known, _condition_slugs(settings, pages))
    yield from urgent[1]
    expander = Expander(settings.snippets, root)
    for path in pages:
        yield from _check_page(settings, path, rules, today, known, expander, urgent[0])


def _parsed(message: str, name: str) -> Problem:
    """A one-line error `file:line: message` as a Problem."""
    head, _, rest = message.partition(": ")
    file, _, line = head.partition(":")
    if file == name and line.isdigit():
        return Problem(file, int(line), rest)
    return Problem(name, 0, message.removeprefix(f"{name}: "))


def _urgent(
    root: Path, known: set[str], conditions: set[str]
) -> tuple[UrgentData | None, list[tuple[str, Problem]]]:
    from iastm_guide.urgent.data import check_links, load

    path = root / DATA_FILE
    if not path.is_file():
        return None, []
    try:
        data = load(path)
    except UrgentHelpError as err:
        return None, [("problem", p) for p in err.problems]
    return data, [("problem", p) for p in check_links(data, list(known), conditions)]


def _check_page(
    settings: Settings,
    path: Path,
    rules: content_rules.Rules,
    today: Any,
    known: set[str],
    expander: Expander,
    urgent: UrgentData | None,
) -> Iterator[tuple[str, Problem]]:
    name = settings.name(path)
    try:
        text = read_text(path, name)
    except NotTextError as err:
        yield "problem", _parsed(str(err), name)
        return
    page = Source.read(name, text.replace("\r\n", "\n").replace("\r", "\n"))
    report = content_checks.check_page(page, rules, today)
    yield from (("problem", p) for p in report.problems)
    yield "note", report.readability.note
    expanded = expander.expand(page.body)
    for line, message in expanded.problems:
        yield "problem", Problem(name, line + page.offset, message)
    if known:
        for line, message in citations.check(expanded.text, known):
            yield "problem", expanded.locate(name, page.offset, line, message)
    if urgent is not None:
        from iastm_guide.urgent.page import condition_of, process

        src_uri = path.relative_to(settings.docs).as_posix()  # as MkDocs names the page
        result = process(expanded.text, urgent, name, condition_of(src_uri, page.page_type))
        for p in result.problems:  # lines of the expanded text, named by the file they came from
            yield "problem", expanded.locate(name, page.offset, p.line, p.message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (mkdocs.yml's folder)")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print each page's readability")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    problems = notes = 0
    try:
        for kind, found in check_site(args.root.resolve()):
            if kind == "problem":
                problems += 1
                print(found)
            else:
                notes += 1
                if args.verbose:
                    print(f"note: {found}")
    except ValueError as err:  # a malformed IASTM_TODAY
        print(f"make check: {err}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    print(f"make check: {problems} problem(s), {notes} page(s) checked in {seconds:.2f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
