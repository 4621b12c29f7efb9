"""Where the build keeps what it can compute once and reuse: `~/.cache/iastm-guide`.

IASTM_GUIDE_CACHE moves it (tests give each run its own); XDG_CACHE_HOME is honoured.
A cache that cannot be read or written only costs time, never a failure. No MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path


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
