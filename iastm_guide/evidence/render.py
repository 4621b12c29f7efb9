"""Markdown and HTML made from the study data: badges, tables, the rule in words.

Everything a page shows about a study comes from its record here, so no figure is
typed twice. Text from the data is escaped (it is untrusted input: `<`, `&` and the
table's `|`); citations are written `[@key]`, so the page's numbered reference list
includes every study a table shows (the citation plugin runs after the expansion).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from iastm_guide.evidence.rule import Judgement, Rule, Step, is_trial_in_people
from iastm_guide.evidence.schema import DESIGNS, GENERAL_CONDITIONS, NOT_STATED, OTHER_PREFIX, Study

DESIGN_NAMES = {
    "systematic review": ("Systematic review", "systematic reviews"),
    "RCT": ("Randomised trial", "randomised trials"),
    "pilot RCT": ("Pilot randomised trial", "pilot randomised trials"),
    "non-randomised": ("Non-randomised trial", "non-randomised trials"),
    "case series": ("Case series", "case series"),
    "laboratory": ("Lab study", "lab studies"),
    "animal": ("Animal study", "animal studies"),
}
DIRECTIONS = {
    "favours IASTM": "favoured the scraping treatment",
    "no clear difference": "no clear difference between the groups",
    "favours comparator": "favoured the comparison",
    "mixed": "mixed results",
}
WHY = {
    "risk of bias": "people may have known their treatment",
    "imprecision": "few people",
    "review": "reviews rate it lower",
}
BLINDED = {
    "participants": "patients",
    "therapists": "therapists",
    "outcome assessors": "people scoring the results",
}
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Condition:
    """A condition page: its slug, the page title, and a short name for tables and charts."""

    slug: str
    title: str

    @property
    def name(self) -> str:
        return self.title.split(" (", 1)[0]


def condition_name(slug: str, pages: Mapping[str, Condition]) -> str:
    if slug in pages:
        return pages[slug].name
    if slug in GENERAL_CONDITIONS:
        return GENERAL_CONDITIONS[slug]
    return slug.removeprefix(OTHER_PREFIX).strip().capitalize()


def text(value: str) -> str:
    """Data text, safe in a Markdown table cell."""
    return html.escape(" ".join(value.split()), quote=False).replace("|", "\\|")


def count(n: int, singular: str, plural: str) -> str:
    return f"{NUMBERS[n] if n < len(NUMBERS) else n} {singular if n == 1 else plural}"


def css_name(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")


def badge(label: str, subject: str) -> str:
    """The visible label, marked with what it is about (a condition slug or outcome:name)."""
    return (
        f'<span class="evidence-label evidence-label--{css_name(label)}" '
        f'data-evidence="{html.escape(subject)}">{html.escape(label)}</span>'
    )


def cite(keys: Sequence[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]" if keys else ""


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link target from one docs/ page to another (both as src paths)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _order(study: Study, years: Mapping[str, str]) -> tuple[int, int, str]:
    year = years.get(study.key, "")
    return DESIGNS.index(study.design), -int(year) if year.isdigit() else 0, study.key


def _blinded(study: Study) -> str:
    if not study.blinded:
        return "No one"
    if study.blinded == ["not reported"]:
        return "Not reported"
    who = [BLINDED[w] for w in study.blinded]
    words = ", ".join(who[:-1]) + (" and " if len(who) > 1 else "") + who[-1]
    return _capital(words)


def _capital(value: str) -> str:
    return value[:1].upper() + value[1:]


def _people(study: Study) -> str:
    people = str(study.people) if study.people is not None else "Not reported"
    if study.is_review and study.trials is not None:
        people += f" in {count(study.trials, 'trial', 'trials')}"
    return people + (f" ({text(study.people_note)})" if study.people_note.strip() else "")


def _interests(study: Study) -> str:
    if study.funding == NOT_STATED and study.conflicts == NOT_STATED:
        return "Not known"
    parts = []
    for name, value in (("Funding", study.funding), ("Conflicts", study.conflicts)):
        parts.append(f"{name}: {'not known' if value == NOT_STATED else text(value)}")
    return ". ".join(parts)


def studies_table(studies: Sequence[Study], slug: str, years: Mapping[str, str]) -> str:
    """'Every study we found' for one condition: a heading and a table, or a sentence.
    In a block that the printed handout leaves out (a condition page must fit on 3 A4
    pages; the handout's QR code leads to the full page)."""
    tagged = sorted((s for s in studies if slug in s.conditions), key=lambda s: _order(s, years))
    lines = ['<div class="evidence-studies" markdown>', "", "### Every study we found", ""]
    if not tagged:
        return "\n".join(
            [*lines, "We found no studies of IASTM or gua sha for this problem.", "", "</div>", ""]
        )
    lines += [
        "| Study | People | Compared with | Blinded? | Result | Funding and conflicts |",
        "|---|---|---|---|---|---|",
    ]
    for s in tagged:
        design = DESIGN_NAMES[s.design][0] + (" in healthy volunteers" if s.healthy_volunteers else "")
        year = f", {years[s.key]}" if years.get(s.key) else ""
        result = text(s.result)  # the statistics (effect) stay in the data, for checkers
        lines.append(
            f"| {design}{year} [@{s.key}] | {_people(s)} | {_capital(text(s.comparator))} | {_blinded(s)} "
            f"| {result} | {_interests(s)} |"
        )
    return "\n".join([*lines, "", "</div>", ""])


def _why(steps: Sequence[Step]) -> str:
    reasons = []
    for step in steps:
        if step.change >= 0:
            continue
        if step.name == "inconsistency":
            reasons.append("only one trial" if step.reason.startswith("one trial") else "results disagree")
        else:
            reasons.append(WHY.get(step.name, step.name))
    return ", ".join(reasons)


def one_line(rule: Rule, studies: Sequence[Study], slug: str, judgement: Judgement) -> str:
    """The evidence for a condition in one generated line. It cites nothing: the row links
    to the condition's page, whose "Every study we found" table cites each study (citing
    them all again here made the evidence page too heavy for phones)."""
    tagged = [s for s in studies if slug in s.conditions]
    trials = [s for s in tagged if is_trial_in_people(rule, s)]
    others = [s for s in tagged if s not in trials]
    parts = []
    if trials:
        people = sum(t.people or 0 for t in trials)
        unknown = any(t.people is None for t in trials)
        size = (
            f"{people} people"
            if not unknown
            else ("number not reported" if not people else f"at least {people} people")
        )
        found = count(len(trials), "trial", "trials") + f" in people ({size})"
        directions = {t.direction for t in trials} - {"not applicable"}
        if len(directions) == 1:
            found += ": " + DIRECTIONS[directions.pop()]
        elif directions:
            found += ": results disagree"
        parts.append(found[0].upper() + found[1:])
    else:
        parts.append(rule.no_trials)
    kinds: dict[str, int] = {}
    for s in others:
        key = "trials in healthy volunteers" if s.healthy_volunteers and s.design in rule.start else s.design
        kinds[key] = kinds.get(key, 0) + 1
    if kinds:
        named = []
        for kind, n in kinds.items():
            singular, plural = DESIGN_NAMES.get(kind, ("trial in healthy volunteers", kind))
            named.append(count(n, singular.lower(), plural))
        parts.append("also " + ", ".join(named))
    why = _why(judgement.steps)
    line = "; ".join(parts) + "." + (f" Lower for: {why}." if why else "")
    return text(line)


def conditions_table(
    rule: Rule,
    studies: Sequence[Study],
    pages: Sequence[Condition],
    judgements: Mapping[str, Judgement],
    page_src: str,
) -> str:
    """The evidence page's table: condition (a link to its page), label, one line; strongest first."""
    order = {label: n for n, label in enumerate([*rule.levels, rule.no_trials])}
    rows = sorted(pages, key=lambda c: (order[judgements[c.slug].label], c.name.casefold()))
    lines = ["| Condition | Evidence strength | In one line |", "|---|---|---|"]
    for c in rows:
        j = judgements[c.slug]
        link = f"[{text(c.name)}]({relative(page_src, f'conditions/{c.slug}.md')})"
        lines.append(f"| {link} | {badge(j.label, c.slug)} | {one_line(rule, studies, c.slug, j)} |")
    return "\n".join([*lines, ""])


def rule_list(rule: Rule) -> str:
    """The label rule in plain words, from the same settings the labels are worked out with."""
    starts: dict[str, list[str]] = {}
    for design, level in rule.start.items():
        starts.setdefault(level, []).append(DESIGN_NAMES[design][1])
    start = "; ".join(f"{' and '.join(names)} start at {level}" for level, names in starts.items())
    never = [DESIGN_NAMES[d][1] for d in DESIGNS if d not in rule.start]
    blinded = " or ".join(BLINDED[w] for w in rule.risk_of_bias.blinded)
    imprecision = rule.imprecision
    single = " or when there is only one trial" if rule.inconsistency.single_trial else ""
    return "\n".join(
        [
            f"1. We count only trials in people with the problem: {start}. "
            f"{_capital(', '.join(never))} and trials in healthy volunteers never count. With no trial "
            f'in people, the label is "{rule.no_trials}".',
            f"2. One level down when most of the people were in trials where the {blinded} knew who "
            "had which treatment (or where this was not reported), or that had other serious flaws.",
            f"3. One level down when there were fewer than {imprecision.few_people} people in all; two "
            f"levels when there were fewer than {imprecision.very_few_people}.",
            f"4. One level down when the trials point different ways{single}.",
            "5. Never higher than the best rating a systematic review gives its own results.",
            f"6. Never lower than {rule.levels[-1]}.",
            "",
        ]
    )
