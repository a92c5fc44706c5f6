"""TOML files parsed once per content, the result kept as JSON in the user's cache folder.

Parsing the workbook description and the message catalogue with ``tomllib`` costs about
25 ms at every start of pacxl (a tenth of what ``pacxl new`` itself costs); ``json`` reads
the same data back in about 1 ms. An entry is named after the file and a digest of its
text, so an edited file is parsed again, never served stale; it is written atomically and
holds data only (JSON, never code). A file whose values JSON cannot hold exactly (TOML dates)
is not cached. When the folder cannot be used (read-only, no home folder) the files are
parsed as before: the result is the same either way, only the time differs.

The folder: ``$PACXL_CACHE_DIR`` (empty: no cache), else ``%LOCALAPPDATA%\\pacxl`` on Windows,
``$XDG_CACHE_HOME/pacxl`` or ``~/.cache/pacxl`` elsewhere; entries are in its ``toml``
subfolder, at most ``KEEP`` per file name (older versions of the file are removed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FORMAT = b"pacxl-toml-json 1\n"  # part of every digest: change it to retire every entry
KEEP = 4  # entries kept per file name: a few versions side by side (checkouts, virtualenvs)


def cache_folder() -> Path | None:
    """Where the parsed files are kept, or None if caching is off."""
    configured = os.environ.get("PACXL_CACHE_DIR")
    if configured is not None:
        return Path(configured, "toml") if configured else None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA", "")
    else:  # a relative XDG_CACHE_HOME is to be ignored, says the XDG specification
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "pacxl", "toml") if os.path.isabs(base) else None


def load_toml(path: Traversable | Path) -> dict[str, Any]:
    """The content of a UTF-8 TOML file, as ``tomllib.loads`` returns it.

    Raises:
        tomllib.TOMLDecodeError: the file is not valid TOML.
    """
    text = path.read_text(encoding="utf-8")
    folder = cache_folder()
    if folder is None:
        return _parse(text)
    stem = Path(path.name).stem
    digest = hashlib.sha256(FORMAT + text.encode("utf-8")).hexdigest()[:32]
    entry = folder / f"{stem}-{digest}.json"
    try:
        doc = json.loads(entry.read_bytes())
    except (OSError, ValueError):  # not cached yet, unreadable or damaged: parse the file
        doc = None
    if isinstance(doc, dict):
        return doc
    doc = _parse(text)
    _store(entry, stem, doc)
    return doc


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # only when a file is parsed: a cached start does not need it

    return tomllib.loads(text)


def _store(entry: Path, stem: str, doc: dict[str, Any]) -> None:
    """Write ``entry`` atomically and drop the oldest entries of the same file; on any
    failure leave the folder as it was (the next start parses the file again)."""
    try:
        payload = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # a date or time: JSON would not give it back
        return
    import tempfile

    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}-", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, entry)
        tmp = None
        _prune(entry.parent, stem)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path, stem: str) -> None:
    found = []
    for old in folder.glob(f"{stem}-{'?' * 32}.json"):
        with contextlib.suppress(OSError):
            found.append((old.stat().st_mtime_ns, old))
    for _, old in sorted(found, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
