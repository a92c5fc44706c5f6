"""The analysis as a folder of CSV files, one per table, that Excel opens by double-click.

The files follow what a spreadsheet set to the reader's language expects: in French (the
``messages_lang`` of the analysis) a ``;`` separator and a decimal comma, in English a ``,``
and a decimal point; always UTF-8 with a byte-order mark (without it Excel reads accents as
Windows-1252), CRLF line ends, ISO dates (``2027-06-30``, which Excel recognises in every
locale), booleans as ``VRAI``/``FAUX`` (``TRUE``/``FALSE``), thousands never separated.
The folder also holds ``burn.csv`` and ``summary.csv`` (two columns: key, value). A field
is quoted as the csv module quotes it (``QUOTE_MINIMAL``): only when it holds the separator,
a double quote or a line break. Each file is written a few thousand rows at a time, each
column's distinct values formatted once (:mod:`pacxl.report.records`).

Formula injection (OWASP «CSV Injection»): a text cell starting with ``=``, ``+``, ``-``,
``@``, a TAB or a CR gets a leading ``'`` so that no spreadsheet evaluates it. Numbers are
written as numbers, so a genuine negative amount stays ``-1234,5``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pandas as pd

from ..errors import OutputError
from .records import Column, chunks, plain, reprs

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
EOL = "\r\n"
DIALECTS = {"fr": (";", ",", ("VRAI", "FAUX")), "en": (",", ".", ("TRUE", "FALSE"))}


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never evaluate as a formula."""
    return "'" + text if text.startswith(DANGEROUS) else text


def cell(value: Any, lang: str) -> str:
    """One value as CSV text for a spreadsheet in ``lang``."""
    return _text(plain(value), lang)


def _text(value: Any, lang: str) -> str:
    # a plain value (records.plain) as CSV text
    _, decimal, (true, false) = DIALECTS.get(lang, DIALECTS["fr"])
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
    out = io.StringIO()
    write_table(frame, lang, out)
    return out.getvalue()


def write_table(frame: pd.DataFrame, lang: str, out: TextIO) -> None:
    """Write one table as CSV text to ``out``, a few thousand rows at a time."""
    separator = DIALECTS.get(lang, DIALECTS["fr"])[0]
    head = [[_quoted(neutralise(str(c)), separator)] for c in frame.columns]
    out.write(_lines(head, 1, separator))
    for count, columns in chunks(frame):
        out.write(_lines([_cells(c, lang, separator) for c in columns], count, separator))


def _lines(cells: list[list[str]], count: int, separator: str) -> str:
    # the rows of the columns of quoted fields, as csv.writer writes them
    if len(cells) == 1:  # a row's only field is quoted when empty: "" is not a blank line
        cells = [[field or '""' for field in cells[0]]]
    lines = map(separator.join, zip(*cells, strict=True)) if cells else [""] * count
    return EOL.join(lines) + EOL


def _cells(column: Column, lang: str, separator: str) -> list[str]:
    # each row's field as cell() writes it, quoted; each distinct value written once
    _, decimal, (true, false) = DIALECTS.get(lang, DIALECTS["fr"])
    if column.kind == "float":
        texts = _numbers(column.uniques, decimal)
    elif column.kind == "int":
        texts = reprs(column.uniques)
    elif column.kind == "bool":
        texts = [true if u else false for u in column.uniques.tolist()]
    elif column.kind == "text":
        texts = [neutralise(u) for u in column.uniques]
    else:
        texts = [_text(u, lang) for u in column.uniques]
    return column.take([_quoted(t, separator) for t in texts], "")


def _quoted(text: str, separator: str) -> str:
    # as csv.writer (QUOTE_MINIMAL, CRLF line ends) writes a field
    if separator in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _numbers(numbers: np.ndarray, decimal: str) -> list[str]:
    # as _text(): a whole number below 1e15 without decimals, any other number as its repr
    whole = (np.trunc(numbers) == numbers) & (np.abs(numbers) < 1e15)
    texts = reprs(numbers)
    for position, integer in zip(np.flatnonzero(whole).tolist(),
                                 reprs(numbers[whole].astype(np.int64)), strict=True):
        texts[position] = integer
    return [t.replace(".", decimal) for t in texts] if decimal != "." else texts


def tables(analysis: Any) -> dict[str, pd.DataFrame]:
    """Every table of the folder: file name → frame."""
    found = {f"{name}.csv": frame for name, frame in analysis.tables().items()}
    found["burn.csv"] = _pairs(analysis.burn)
    found["summary.csv"] = _pairs(_flat(analysis.summary))
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
        for name, frame in tables(analysis).items():
            with (tmp / name).open("w", encoding="utf-8-sig", newline="") as out:
                write_table(frame, analysis.messages_lang, out)
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
