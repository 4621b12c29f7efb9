"""One rule for urgent help: warning signs defined once, rendered wherever a page advises.

Plain Python, no MkDocs imports: `iastm_guide/build/urgent.py` is the one thin adapter.

- `urgent-help.yml` (at the repository root) holds the three levels (their wording)
  and every warning sign: its id, its plain-language wording, its level, the
  condition pages it applies to, its sources and the phrases that identify it.
- `data`: read and check that file (schema, duplicate ids, one sign at two levels);
  every problem is one line naming the file and line.
- `phrases`: the phrases that identify a sign or a level (matched in the statements
  of a page as the shared Markdown reader, `iastm_guide.content.markdown`, splits it).
- `page`: a page's `/// urgent-help` blocks, checked and expanded to Markdown, and
  advice typed by hand outside them found (text in, text and problems out).

Why this is not a Markdown extension yet: the rendered advice cites its sources with
`[@key]`, and mkdocs-bibtex turns citations into footnotes in MkDocs'
`on_page_markdown` event, before any Markdown extension runs; so the expansion must
happen in that event too, before the citations are prepared for mkdocs-bibtex
(`iastm_guide/build/pipeline.py` names the order). When citations are rendered by a
Markdown extension (a successor such as Zensical runs no MkDocs plugins), `page.expand`
becomes a `markdown.preprocessors.Preprocessor` registered ahead of the citation
preprocessor: it already maps text to text, so the wrapper is a few lines
(`lines -> expand("\\n".join(lines)).text.split("\\n")`).
"""

from __future__ import annotations

from iastm_guide.problems import Problem, ProblemsError

DATA_FILE = "urgent-help.yml"


class UrgentHelpError(ProblemsError):
    """The data file cannot be used; one line per problem."""


__all__ = ["DATA_FILE", "Problem", "UrgentHelpError"]
