"""The analysis as a folder of CSV files, one per table, that Excel opens by double-click.

The files follow what a spreadsheet set to the reader's language expects: in French (the
``messages_lang`` of the analysis) a ``;`` separator and a decimal comma, in English a ``,``
and a decimal point; always UTF-8 with a byte-order mark (without it Excel reads accents as
Windows-1252), CRLF line ends, ISO dates (``2027-06-30``, which Excel recognises in every
locale), booleans as ``VRAI``/``FAUX`` (``TRUE``/``FALSE``), thousands never separated.
The folder also holds ``burn.csv`` and ``summary.csv`` (two columns: key, value).

Formula injection (OWASP «CSV Injection»): a text cell starting with ``=``, ``+``, ``-``,
``@``, a TAB or a CR gets a leading ``'`` so that no spreadsheet evaluates it. Numbers are
written as numbers, so a genuine negative amount stays ``-1234,5``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import OutputError
from .records import plain

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
DIALECTS = {"fr": (";", ",", ("VRAI", "FAUX")), "en": (",", ".", ("TRUE", "FALSE"))}


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never evaluate as a formula."""
    return "'" + text if text.startswith(DANGEROUS) else text


def cell(value: Any, lang: str) -> str:
    """One value as CSV text for a spreadsheet in ``lang``."""
    _, decimal, (true, false) = DIALECTS.get(lang, DIALECTS["fr"])
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return true if value else false
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return text.replace(".", decimal)
    return neutralise(str(value))


def render_table(frame: pd.DataFrame, lang: str) -> str:
    """One table as CSV text (without the byte-order mark)."""
    separator = DIALECTS.get(lang, DIALECTS["fr"])[0]
    lines: list[list[str]] = [[neutralise(str(c)) for c in frame.columns]]
    lines += [[cell(v, lang) for v in row] for row in frame.itertuples(index=False, name=None)]
    return _join(lines, separator)


def _join(lines: list[list[str]], separator: str) -> str:
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerows(lines)
    return out.getvalue()


def files(analysis: Any) -> dict[str, str]:
    """Every file of the folder: name → CSV text."""
    lang = analysis.messages_lang
    found = {f"{name}.csv": render_table(frame, lang) for name, frame in analysis.tables().items()}
    found["burn.csv"] = render_table(_pairs(analysis.burn), lang)
    found["summary.csv"] = render_table(_pairs(_flat(analysis.summary)), lang)
    return found


def _pairs(values: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({"key": list(values), "value": list(values.values())}, dtype=object)


def _flat(values: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat |= _flat(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def folder_for(path: str | Path) -> Path:
    """The folder to write: ``<name>_csv`` for a ``<name>.csv`` path, else ``path``."""
    path = Path(path)
    return path.with_name(f"{path.stem}_csv") if path.suffix.lower() == ".csv" else path


def check_folder(path: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> Path:
    """Refuse a folder that cannot or must not be written, before any work is done."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("output_no_folder", folder=parent)
    if (path.exists() and not path.is_dir()) or any(
            path.resolve() == Path(i).resolve() for i in inputs):
        raise OutputError("report_not_a_folder", path=path)
    if path.exists() and not force:
        raise OutputError("output_exists", path=path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError("output_not_writable", folder=parent.resolve())
    return path


def write_csv(analysis: Any, folder: str | Path) -> None:
    """Write the folder of CSV files: built beside it, then renamed into place."""
    folder = Path(folder)
    parent = folder.parent if str(folder.parent) else Path(".")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError("output_failed", path=folder, reason=exc.strerror or exc) from exc
    try:
        for name, text in files(analysis).items():
            (tmp / name).write_text(text, encoding="utf-8-sig", newline="")
        _swap(tmp, folder)
    except OSError as exc:
        raise OutputError("output_failed", path=folder, reason=exc.strerror or exc) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap(tmp: Path, folder: Path) -> None:
    # a folder cannot replace a non-empty folder in one step: move the old one aside first
    os.chmod(tmp, 0o777 & ~_umask())
    if not folder.exists():
        os.replace(tmp, folder)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=tmp.parent))
    old.rmdir()
    os.replace(folder, old)
    try:
        os.replace(tmp, folder)
    except OSError:
        os.replace(old, folder)  # put the old folder back
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
