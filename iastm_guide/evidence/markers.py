"""Markers in pages, expanded from the study data: `[[name: argument]]`.

    [[label: plantar-heel-pain]]     the condition's label, as a badge (inline)
    [[outcome-label: pain]]          an overall outcome's label (inline; outcomes in content-rules.yml)
    [[studies: plantar-heel-pain]]   "Every study we found": a heading and a table (own line)
    [[conditions-table]]             every condition: label, one line, link (own line)
    [[evidence-map]]                 the evidence map, an SVG figure (own line)
    [[search-flow]]                  the search's flow diagram from evidence/search-log.yml (own line)
    [[label-rule]]                   the label rule in plain words, from content-rules.yml (own line)

`expand` is a pure function, Markdown text to Markdown text. It is not a Python-Markdown
extension because tables it makes cite their studies as `[@key]`, and mkdocs-bibtex
turns citations into footnotes in MkDocs' `on_page_markdown` event, before any
extension runs: so the build calls it there (build/evidence.py), before the citations
are prepared for mkdocs-bibtex. Once
citations are themselves an extension (a preprocessor; the route off MkDocs), this
becomes a preprocessor registered at a higher priority than the citations' one,
calling the same `expand` on the joined lines.
Markers inside code and HTML comments are left as written. Unknown names and slugs fail with file:line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from iastm_guide.content.markdown import mask_code
from iastm_guide.evidence import EvidenceError, chart, prisma, render
from iastm_guide.evidence.data import SEARCH_LOG, Evidence
from iastm_guide.evidence.render import Condition
from iastm_guide.evidence.rule import (
    Judgement,
    Rule,
    condition_judgement,
    is_trial_in_people,
    outcome_judgement,
)
from iastm_guide.evidence.schema import Study, suggest

MARKER = re.compile(r"\[\[([^\[\]\n]*)\]\]")
PARTS = re.compile(r"\s*(?P<name>[a-z][a-z-]*)\s*(?::\s*(?P<arg>\S.*?))?\s*")
INLINE = {"label": True, "outcome-label": True}
BLOCK = {
    "studies": True,
    "conditions-table": False,
    "evidence-map": False,
    "search-flow": False,
    "label-rule": False,
}  # name: takes an argument
MAP_COLUMNS = ("Reviews", "Trials in people", "Other studies in people", "Lab or animal")


@dataclass(frozen=True)
class Site:
    """Everything the markers render from, read once a build."""

    rule: Rule
    evidence: Evidence
    conditions: tuple[Condition, ...]  # the condition pages
    years: Mapping[str, str] = field(default_factory=dict)  # bib key: year, for tables

    @functools.cached_property
    def pages(self) -> dict[str, Condition]:
        return {c.slug: c for c in self.conditions}

    @functools.cached_property
    def judgements(self) -> dict[str, Judgement]:
        """Every condition page's judgement; all problems at once."""
        found, problems = {}, []
        for c in self.conditions:
            try:
                found[c.slug] = condition_judgement(self.rule, self.evidence.studies, c.slug)
            except EvidenceError as err:
                problems += err.problems
        if problems:
            raise EvidenceError(problems)
        return found

    def outcome(self, name: str) -> Judgement:
        return outcome_judgement(self.rule, self.evidence.studies, name)

    def grid(self) -> chart.Grid:
        """The evidence map's numbers: the condition pages, in the conditions table's order
        (so that table is the map's text equivalent), by kind of study."""
        order = sorted(self.conditions, key=lambda c: (self._rank(c.slug), c.name.casefold()))
        counts = []
        for c in order:
            row = [0] * len(MAP_COLUMNS)
            for s in self.evidence.studies:
                if c.slug in s.conditions:
                    row[self._column(s)] += 1
            counts.append(tuple(row))
        return chart.Grid(tuple(c.name for c in order), MAP_COLUMNS, tuple(counts))

    def _rank(self, slug: str) -> int:
        return [*self.rule.levels, self.rule.no_trials].index(self.judgements[slug].label)

    def _column(self, study: Study) -> int:
        if study.is_review:
            return 0
        if is_trial_in_people(self.rule, study):
            return 1
        return 3 if study.design in ("laboratory", "animal") else 2


def map_figure(site: Site) -> str:
    """The evidence map in a figure; the conditions table, in the same order, says it in words."""
    svg = chart.evidence_map(
        site.grid(),
        title="Evidence map: the kinds of study we found for each condition",
        desc="One row a condition, one column a kind of study; a circle's number is how many studies, "
        "an empty cell none. The table below says the same in words.",
    )
    caption = (
        "The kinds of study we found for each condition. The number in each circle is how many. "
        "The table below gives the same in words, with each condition's evidence strength."
    )
    return f'<figure class="evidence-figure">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n'


def flow_figure(site: Site) -> str:
    if not site.evidence.questions:
        raise EvidenceError(
            [f"there is no {SEARCH_LOG} to draw the search from; add it (evidence/README.md)"]
        )
    f = prisma.flow(site.evidence.questions)
    svg = prisma.diagram(f)
    out = (
        f'<figure class="evidence-figure">\n{svg}\n<figcaption>{prisma.describe(f)}</figcaption>\n</figure>\n'
    )
    if f.reasons:
        out += "\nWhy we left studies out after reading them:\n\n"
        out += "\n".join(f"- {render.text(reason)}: {n}" for reason, n in f.reasons) + "\n"
    return out


def _mask(markdown: str) -> str:
    return mask_code(markdown)  # the shared Markdown reader's masking (code and comments)


def _block(name: str, arg: str, site: Site, page_src: str) -> str:
    if name == "studies":
        return render.studies_table(site.evidence.studies, arg, site.years)
    if name == "conditions-table":
        return render.conditions_table(
            site.rule, site.evidence.studies, site.conditions, site.judgements, page_src
        )
    if name == "evidence-map":
        return map_figure(site)
    if name == "search-flow":
        return flow_figure(site)
    return render.rule_list(site.rule)


def _check(name: str, arg: str | None, site: Site) -> str | None:
    """What is wrong with a marker's name or argument, or None."""
    names = [*INLINE, *BLOCK]
    if name not in names:
        return f"unknown marker '{name}'{suggest(name, names)}; use one of: {', '.join(names)}"
    takes = INLINE.get(name, BLOCK.get(name))
    if takes and not arg:
        return f"the marker '{name}' needs an argument: [[{name}: ...]]"
    if not takes and arg:
        return f"the marker '{name}' takes no argument: write [[{name}]]"
    if name in ("label", "studies") and arg not in site.pages:
        return (
            f"'{arg}' has no page docs/conditions/{arg}.md{suggest(arg or '', site.pages)}; "
            f"use one of: {', '.join(sorted(site.pages))}"
        )
    if name == "outcome-label" and arg not in site.rule.outcomes:
        return f"'{arg}' is not an outcome in content-rules.yml; use one of: {', '.join(site.rule.outcomes)}"
    return None


def expand(
    markdown: str,
    site: Site,
    page_src: str,
    source: str = "",
    line_offset: int = 0,
    locate: Callable[[int], str] | None = None,
) -> str:
    """Replace every marker; raise EvidenceError (one line per problem) if any is wrong.
    `page_src` is the page's path under docs/ (links are made relative to it), `source`
    the file as an editor names it (default docs/<page_src>) and `line_offset` the
    lines before `markdown` in that file (the front matter). `locate`, if given, turns
    a line of `markdown` into 'file:line' itself (for Markdown with includes expanded)."""
    masked = _mask(markdown)
    problems: list[str] = []
    pieces: list[str] = []
    done = 0
    for match in MARKER.finditer(masked):
        line = masked.count("\n", 0, match.start()) + 1
        where = locate(line) if locate else f"{source or 'docs/' + page_src}:{line + line_offset}"
        parts = PARTS.fullmatch(match.group(1))
        if not parts:
            problems.append(
                f"{where}: '{match.group(0)}' is not a marker; write [[name]] or [[name: argument]]"
            )
            continue
        name, arg = parts.group("name"), parts.group("arg")
        problem = _check(name, arg, site)
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        try:
            if name in INLINE:
                assert arg is not None
                judgement = site.judgements[arg] if name == "label" else site.outcome(arg)
                subject = arg if name == "label" else f"outcome:{arg}"
                pieces += [markdown[done : match.start()], render.badge(judgement.label, subject)]
                done = match.end()
                continue
            start = masked.rfind("\n", 0, match.start()) + 1
            end = masked.find("\n", match.end())
            end = len(masked) if end < 0 else end
            indent = masked[start : match.start()]
            if indent.strip() or masked[match.end() : end].strip():
                problems.append(f"{where}: the marker '{name}' makes a block: put it on a line of its own")
                continue
            block = _block(name, arg or "", site, page_src)
            lines = [(indent + text) if text else "" for text in block.rstrip("\n").split("\n")]
            pieces += [markdown[done:start], "\n".join(lines)]
            done = end
        except EvidenceError as err:
            problems += [f"{where}: {p}" for p in err.problems]
    if problems:
        raise EvidenceError(problems)
    return "".join([*pieces, markdown[done:]])


def markers_in(markdown: str) -> Sequence[tuple[str, str | None]]:
    """(name, argument) of each well-formed marker outside code, in page order."""
    found = []
    for match in MARKER.finditer(_mask(markdown)):
        parts = PARTS.fullmatch(match.group(1))
        if parts:
            found.append((parts.group("name"), parts.group("arg")))
    return found


def required(page_type: str | None, src_uri: str, markdown: str) -> list[str]:
    """What a condition page lacks: it shows its own label and its own table of studies."""
    if page_type != "condition" or not src_uri.startswith("conditions/"):
        return []
    slug = PurePosixPath(src_uri).stem
    found = set(markers_in(markdown))
    return [
        f"a condition page shows {what} from the study data: add [[{name}: {slug}]] to "
        "'## What the research says and how sure we are'"
        for name, what in (("label", "its evidence label"), ("studies", "every study we found"))
        if (name, slug) not in found
    ]
