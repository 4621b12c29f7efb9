"""Projects for the bench: generated sites of N pages, and plain-Material configurations.

A generated site is a full copy of the project (hooks, overrides, mkdocs.yml) with
generated pages in docs/topics/ and a generated 200-entry references.bib. Each page has
about 800 words in plain sentences, five sections and 3 citations, and front matter the
project's content checks accept (title, description, page_type: topic, review dates,
review status). Everything is seeded, so two runs build the same sites.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from tests.helpers import ROOT

BIB_ENTRIES = 200
WORDS_PER_PAGE = 800
CITATIONS_PER_PAGE = 3
PAGES_PER_SECTION = 25
SURNAMES = [
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
    "Wilson",
    "Evans",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Hughes",
    "Lewis",
    "Chen",
    "Patel",
]
JOURNAL = [
    "J Bodyw Mov Ther",
    "Phys Ther Sport",
    "J Athl Train",
    "Clin Rehabil",
    "Man Ther",
    "BMC Musculoskelet Disord",
]
NOUNS = [
    "skin",
    "tissue",
    "muscle",
    "tendon",
    "tool",
    "therapist",
    "session",
    "pain",
    "study",
    "trial",
    "group",
    "week",
    "person",
    "arm",
    "leg",
    "back",
    "neck",
    "heel",
    "treatment",
    "exercise",
    "stretch",
    "result",
    "change",
    "sign",
]
VERBS = [
    "helps",
    "eases",
    "moves",
    "shows",
    "tests",
    "finds",
    "needs",
    "uses",
    "eases",
    "checks",
    "gives",
    "brings",
]
ADJECTIVES = [
    "small",
    "short",
    "mild",
    "slow",
    "firm",
    "gentle",
    "common",
    "useful",
    "clear",
    "safe",
    "simple",
    "light",
]
LINKS = ["and", "then", "but", "so", "because", "while", "after", "before"]


def _sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(2, 3)):
        words += [
            rng.choice(["the", "a", "this", "each"]),
            rng.choice(ADJECTIVES),
            rng.choice(NOUNS),
            rng.choice(VERBS),
            rng.choice(["the", "your", "our"]),
            rng.choice(NOUNS),
            rng.choice(LINKS),
        ]
    text = " ".join(words[:-1])
    return text[0].upper() + text[1:] + "."


def _key(n: int) -> str:
    return f"{SURNAMES[n % len(SURNAMES)].lower()}{2000 + n % 25}study{n}"


def bibliography(entries: int = BIB_ENTRIES) -> str:
    rng = random.Random(2024)
    out = []
    for n in range(entries):
        authors = " and ".join(
            f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRST')}. {rng.choice('ABCDEFGH')}."
            for _ in range(rng.randint(2, 8))
        )
        first = rng.randint(1, 900)
        title = " ".join(rng.choice(NOUNS + ADJECTIVES) for _ in range(9)).capitalize()
        out.append(
            f"@article{{{_key(n)},\n  author = {{{authors}}},\n  title = {{{title}}},\n"
            f"  journal = {{{rng.choice(JOURNAL)}}},\n  year = {{{2000 + n % 25}}},\n"
            f"  volume = {{{rng.randint(1, 60)}}},\n  number = {{{rng.randint(1, 12)}}},\n"
            f"  pages = {{{first}--{first + rng.randint(5, 15)}}},\n"
            f"  doi = {{10.1000/bench.{n}}},\n  pmid = {{{30000000 + n}}}\n}}\n"
        )
    return "\n".join(out)


def page(n: int, rng: random.Random) -> str:
    keys = rng.sample(range(BIB_ENTRIES), CITATIONS_PER_PAGE)
    sections = ["In short", "What it is", "What the research says", "Risks", "Questions to ask"]
    paragraphs: list[str] = []
    words = 0
    cited = 0
    while words < WORDS_PER_PAGE:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))
        if cited < CITATIONS_PER_PAGE and len(paragraphs) % 3 == 1:
            para = para[:-1] + f" [@{_key(keys[cited])}]."
            cited += 1
        paragraphs.append(para)
        words += len(para.split())
    body = []
    per = max(1, len(paragraphs) // len(sections))
    for i, title in enumerate(sections):
        body.append(f"## {title}\n\n" + "\n\n".join(paragraphs[i * per : (i + 1) * per]))
    body[-1] += "\n\n" + "\n\n".join(paragraphs[len(sections) * per :])
    body[-1] += "".join(f" [@{_key(keys[c])}]" for c in range(cited, CITATIONS_PER_PAGE))
    return (
        f"---\ntitle: Topic {n}\ndescription: A generated page for the build benchmark, number {n}.\n"
        "page_type: topic\nlast_reviewed: 2026-01-15\nnext_review: 2027-01-15\n"
        f"review_status: awaiting clinical review\n---\n\n# Topic {n}\n\n" + "\n\n".join(body) + "\n"
    )


def _nav(pages: int) -> list[Any]:
    topics = [f"topics/page-{n:04d}.md" for n in range(1, pages)]
    sections = [
        {f"Section {i // PAGES_PER_SECTION + 1}": topics[i : i + PAGES_PER_SECTION]}
        for i in range(0, len(topics), PAGES_PER_SECTION)
    ]
    return [{"Home": "index.md"}, {"Topics": sections}]


def urgent_help() -> str:
    """The real urgent-help.yml with every sign's sources and conditions neutralised: the
    generated site has neither the references nor the condition pages, and every page is
    still scanned against every sign's phrases, as on the real site."""
    data = yaml.safe_load((ROOT / "urgent-help.yml").read_text(encoding="utf-8"))
    for sign in data["signs"]:
        sign.update(conditions=["after-treatment"], sources=[], notes="benchmark copy")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def generated_project(dest: Path, pages: int) -> Path:
    """A copy of the project whose docs are `pages` generated pages (home included)."""
    if dest.exists():
        shutil.rmtree(dest)
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("images", "stylesheets", "includes"):
        shutil.copytree(ROOT / "docs" / part, dest / "docs" / part)
    shutil.copy2(ROOT / "content-rules.yml", dest / "content-rules.yml")  # read by the content hooks
    (dest / "urgent-help.yml").write_text(urgent_help(), encoding="utf-8")
    (dest / "references.bib").write_text(bibliography(), encoding="utf-8")
    rng = random.Random(pages)
    home = page(0, rng).replace("page_type: topic", "page_type: home")
    (dest / "docs" / "index.md").write_text(home, encoding="utf-8")
    (dest / "docs" / "topics").mkdir()
    for n in range(1, pages):
        (dest / "docs" / "topics" / f"page-{n:04d}.md").write_text(page(n, rng), encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text[: text.index("\nnav:")] + "\n" + yaml.safe_dump({"nav": _nav(pages)}, sort_keys=False)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    plain_config(dest, full_markdown=False)
    return dest


def plain_config(project: Path, *, full_markdown: bool) -> Path:
    """mkdocs-plain.yml beside mkdocs.yml: theme defaults and only what the Markdown needs.

    full_markdown: the project's Markdown extensions (to render the real pages alike);
    otherwise just footnotes (the generated pages need nothing else).
    """
    with (project / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml_load(f)
    bibtex = next(p["bibtex"] for p in config["plugins"] if isinstance(p, dict) and "bibtex" in p)
    plain: dict[str, Any] = {
        "site_name": config["site_name"],
        "site_url": config.get("site_url"),
        "site_description": config.get("site_description"),
        "docs_dir": "docs",
        "use_directory_urls": True,
        "exclude_docs": config.get("exclude_docs"),
        "theme": {"name": "material"},
        "markdown_extensions": config["markdown_extensions"] if full_markdown else ["footnotes"],
        "plugins": [
            "search",
            {"bibtex": {"bib_file": bibtex["bib_file"], "enable_inline_citations": False}},
        ],
        "nav": config["nav"],
    }
    target = project / "mkdocs-plain.yml"
    target.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return target
