"""Which files a batch reads: the workbooks named, and those of the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUFFIXES = (".xlsx", ".xlsm")


def workbook_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to analyse: each path, a folder standing for its workbooks (see the
    module's docstring); an empty folder stays, to be reported."""
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        for file in _in_folder(path) if path.is_dir() else [path]:
            found.setdefault(_identity(file), file)
    return list(found.values())


def _in_folder(folder: Path) -> list[Path]:
    files = sorted((p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES
                    and not p.name.startswith(("~$", ".")) and p.is_file()),
                   key=lambda p: (p.name.casefold(), p.name))
    return files or [folder]


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a loop of links, a name the system refuses: compare as given
        return path
