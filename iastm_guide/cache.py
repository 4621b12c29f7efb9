"""Where the build keeps what it can compute once and reuse: `~/.cache/iastm-guide`.

IASTM_GUIDE_CACHE moves it (tests give each run its own); XDG_CACHE_HOME is honoured.
A cache that cannot be read or written only costs time, never a failure. No MkDocs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2


def cache_dir(kind: str) -> Path:
    """The folder for one kind of cached thing (`evidence-map`, `cmudict`, ...)."""
    if os.environ.get("IASTM_GUIDE_CACHE"):
        return Path(os.environ["IASTM_GUIDE_CACHE"]) / kind
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path("~/.cache").expanduser())
    return base / "iastm-guide" / kind


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so no reader ever sees half a file; errors are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def code_key(*files: str | os.PathLike[str]) -> str:
    """A hash of source files (a module's own code, a style file): part of the key of
    anything cached from them, so a change to the code computes it again."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()


def remembered(kind: str, key: Iterable[str], compute: Callable[[], str]) -> str:
    """`compute()`, kept on disk under a hash of `key` (which must name everything the
    result depends on, the code included), so a rebuild with the same inputs reads it."""
    digest = hashlib.sha256()
    for part in key:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    path = cache_dir(kind) / f"{digest.hexdigest()}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    result = compute()
    write_atomically(path, result.encode("utf-8"))
    return result


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates on disk, one file per template name. Jinja's own keys
    include the template's path, so every copy of the project (tests, the bench) would
    add a set of files; here a template found with other source (Jinja checks each
    file's checksum) is compiled again and replaces the old file."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name)


def jinja_bytecode_cache() -> TemplateCache | None:
    """The cache for Jinja's compiled templates, or None when its folder cannot be
    made: the build then compiles them as usual."""
    folder = cache_dir("jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder))
