"""Load the evidence data files, checked, with one line per problem.

- `evidence/studies.yml`: a list of study records (schema.Study).
- `evidence/search-log.yml`: a list of review questions (schema.Question); optional
  until the search is logged, but when present every count must add up and every
  included key must be a study record.

`load_studies` and `load_search_log` raise EvidenceError with every problem found,
each as `file:line: record: what is wrong; what to do`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from iastm_guide import yaml_lines
from iastm_guide.evidence import EvidenceError, schema
from iastm_guide.yaml_lines import Located
from iastm_guide.yaml_lines import Path as PathKey

STUDIES = "evidence/studies.yml"
SEARCH_LOG = "evidence/search-log.yml"
Model = TypeVar("Model", bound=BaseModel)


def parse(text: str, name: str) -> Located:
    """The shared YAML reader (iastm_guide/yaml_lines.py), its problems as EvidenceError."""
    try:
        return yaml_lines.parse(text, name)
    except yaml_lines.YamlError as err:
        raise EvidenceError([str(p) for p in err.problems]) from err


def load(path: Path, name: str) -> Located:
    """Read and parse a data file; problems as EvidenceError."""
    try:
        return yaml_lines.load(path, name)
    except yaml_lines.YamlError as err:
        raise EvidenceError([str(p) for p in err.problems]) from err


_TYPE_WORDS = {
    "string_type": "text (put it in quotes if it looks like a number or a date)",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "date_type": "a date written YYYY-MM-DD, without quotes",
    "list_type": "a list, such as [a, b] (or [] for none)",
    "model_type": "a record of 'field: value' lines",
    "dict_type": "a record of 'field: value' lines",
}


@dataclass(frozen=True)
class Evidence:
    """The checked data: study records in file order, and the search log (may be empty)."""

    studies: tuple[schema.Study, ...]
    questions: tuple[schema.Question, ...] = ()

    def by_key(self) -> dict[str, schema.Study]:
        return {study.key: study for study in self.studies}


def _field_name(loc: Sequence[str | int]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    return ".".join(names) if names else "the record"


def describe(error: ErrorDetails) -> str:
    """One pydantic error in an editor's words."""
    loc = error["loc"]
    name = _field_name(loc)
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"'{name}' is missing; add it (the fields are listed in evidence/README.md)"
    if kind == "extra_forbidden":
        known = [*schema.Study.model_fields, *schema.Question.model_fields, *schema.Search.model_fields]
        return f"unknown field '{name}'{schema.suggest(str(loc[-1]), known)}; remove it or fix its spelling"
    if kind == "literal_error":
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        allowed = ", ".join(schema.vocabulary(field))
        return f"{name} '{value}' is not allowed; use one of: {allowed}"
    if kind in _TYPE_WORDS:
        return f"{name} must be {_TYPE_WORDS[kind]}, not {value!r}"
    if kind == "greater_than_equal":
        return f"{name} must be at least {error.get('ctx', {}).get('ge')}, not {value!r}"
    if kind == "too_short":
        return f"{name} must list at least one item"
    if kind in ("value_error", "assertion_error"):
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{name} {message}" if loc and message.startswith("must") else message
    return f"{name}: {error['msg']}"


def _label(kind: str, record: object, index: int) -> str:
    field = "key" if kind == "study" else "id"
    value = record.get(field) if isinstance(record, dict) else None
    return f"{kind} '{value}'" if isinstance(value, str) and value else f"{kind} number {index + 1}"


def _records(
    located: Located, model: type[Model], kind: str, context: dict[str, Any]
) -> tuple[list[tuple[int, Model]], list[str]]:
    """Validate each item of a top-level list; (index, model) for the good ones, problems."""
    name = located.name
    if located.data is None:
        return [], []
    if not isinstance(located.data, list):
        return [], [f"{name}:1: the file must be a list of records, each starting with '- '"]
    good: list[tuple[int, Model]] = []
    problems: list[str] = []
    for index, record in enumerate(located.data):
        label = _label(kind, record, index)
        try:
            good.append((index, model.model_validate(record, strict=True, context=context)))
        except ValidationError as err:
            errors = err.errors(include_url=False)
            missing = [str(e["loc"][-1]) for e in errors if e["type"] == "missing" and len(e["loc"]) == 1]
            if len(missing) > 1:
                fields = ", ".join(f"'{field}'" for field in missing)
                problems.append(
                    f"{name}:{located.line((index,))}: {label}: {fields} are missing; add them "
                    "(the fields are listed in evidence/README.md)"
                )
                errors = [e for e in errors if not (e["type"] == "missing" and len(e["loc"]) == 1)]
            for error in errors:
                path: PathKey = (index, *error["loc"])
                problems.append(f"{name}:{located.line(path)}: {label}: {describe(error)}")
    return good, problems


def _duplicates(located: Located, items: Iterable[tuple[int, str]], kind: str) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for index, value in items:
        line = located.line((index,))
        if value in first:
            problems.append(
                f"{located.name}:{line}: {kind} '{value}' appears twice (first at line {first[value]}); "
                "merge the two records"
            )
        else:
            first[value] = line
    return problems


def check_studies(located: Located, bib_keys: Collection[str], condition_slugs: Collection[str]) -> Evidence:
    context = {"bib_keys": bib_keys, "condition_slugs": condition_slugs}
    good, problems = _records(located, schema.Study, "study", context)
    problems += _duplicates(located, ((i, s.key) for i, s in good), "study")
    if problems:
        raise EvidenceError(problems)
    return Evidence(tuple(study for _, study in good))


def load_studies(path: Path, bib_keys: Collection[str], condition_slugs: Collection[str]) -> Evidence:
    """Read and check evidence/studies.yml."""
    if not path.is_file():
        raise EvidenceError(
            [f"{STUDIES}: the study data file is missing; restore it (see evidence/README.md)"]
        )
    return check_studies(load(path, STUDIES), bib_keys, condition_slugs)


def check_search_log(located: Located, evidence: Evidence) -> Evidence:
    good, problems = _records(located, schema.Question, "question", {})
    problems += _duplicates(located, ((i, q.id) for i, q in good), "question")
    studies = evidence.by_key()
    for index, question in good:
        label = f"question '{question.id}'"
        for field, message in question.count_problems():
            problems.append(f"{located.name}:{located.line((index, field))}: {label}: {message}")
        for n, key in enumerate(question.included):
            if key not in studies:
                problems.append(
                    f"{located.name}:{located.line((index, 'included', n))}: {label}: included '{key}' has "
                    f"no record in {STUDIES}{schema.suggest(key, studies)}; add the study record first"
                )
    if problems:
        raise EvidenceError(problems)
    return Evidence(evidence.studies, tuple(question for _, question in good))


def load_search_log(path: Path, evidence: Evidence) -> Evidence:
    """Read and check evidence/search-log.yml, if it exists, against the studies."""
    if not path.is_file():
        return evidence
    return check_search_log(load(path, SEARCH_LOG), evidence)
