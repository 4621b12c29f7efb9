"""Read a YAML data file with the line of every value, refusing duplicate keys.

PyYAML composes a document into nodes that know their line (`start_mark`), then
constructs plain Python data from them. Validation libraries (pydantic here) report
where a value is wrong as a path (`("blinded", 0)`), not as a line: this module keeps
a map from paths to lines, so every message can name the line to fix. PyYAML itself
lets a repeated key silently win; the walk over the nodes refuses it. No library
found does both (ruamel.yaml keeps lines but would be a second YAML parser in the
build; strictyaml refuses flow style, which the data uses for lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iastm_guide.evidence import EvidenceError

# libyaml's loader where PyYAML has it: same YAML, read faster; its nodes carry marks too.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Parsed data and the 1-based line of each value, by path from the top."""

    name: str  # the file as an editor names it, e.g. evidence/studies.yml
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int:
        """The line of `path`, or of the nearest enclosing value that has one."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return 1


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], name: str, problems: list[str]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    f"{name}:{line}: '{key}' appears twice in one record (first at line {seen[key]}); "
                    "keep one of them"
                )
                continue
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, name, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, name, problems)


def parse(text: str, name: str) -> Located:
    """Parse YAML text; raise EvidenceError naming the file and line on any problem."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(name, None, {})
        lines: dict[PathKey, int] = {}
        problems: list[str] = []
        _walk(node, (), lines, name, problems)
        if problems:
            raise EvidenceError(problems)
        return Located(name, loader.construct_document(node), lines)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise EvidenceError(
            [f"{name}{line}: not valid YAML ({problem}); check the indentation, the dashes and the quotes"]
        ) from err
    finally:
        loader.dispose()


def load(path: Path, name: str) -> Located:
    """Read and parse a file; `name` is how messages call it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvidenceError([f"{name}: cannot be read ({err}); restore the file"]) from err
    return parse(text, name)
