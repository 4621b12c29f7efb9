"""The study data behind the site's evidence: load, check, judge and render it.

Plain Python, no MkDocs imports (the site generator may change; this package should
not have to). One module a concern:

- `schema`: the shape of a study record and a search-log question (pydantic, strict).
- `data`: load `evidence/studies.yml` and `evidence/search-log.yml` (with the shared
  reader, `iastm_guide/yaml_lines.py`), checking them against the schema,
  `references.bib` and the condition pages; one line per problem.
- `rule`: the evidence-label rule of `content-rules.yml` (`evidence_labels`), as pure
  functions from study records to a label and the steps that led to it.
- `render`: Markdown and HTML for pages: tables of studies, labels as badges.
- `chart`: the evidence map, an SVG drawn by matplotlib at build time and cached.
- `prisma`: the search's flow diagram, an SVG drawn from the search-log numbers.
- `markers`: `[[name: argument]]` markers in pages, expanded to the above (text to text).

Every problem is reported as one line, `file:line: what is wrong; what to do`, by
raising `EvidenceError` with one line per problem.
"""

from __future__ import annotations


class EvidenceError(Exception):
    """Problems with the evidence data or a page's markers: one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
