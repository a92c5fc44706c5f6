"""The whole analysis as one JSON document, for programs.

Keys in a fixed order: ``format`` and ``version``, the plain attributes, ``summary``,
``burn``, then ``tables`` (every table of :meth:`Analysis.tables` as a list of records, in
that order, one record a line). Dates are ISO ``YYYY-MM-DD``, an empty value ``null``,
numbers are numbers. User text is kept exactly as typed: JSON is data, escaped by the
encoder. The document is written piece by piece: a consolidation of a thousand workbooks
never holds its whole text in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ..atomic import write_atomically
from .records import Column, chunks, header, plain, reprs

FORMAT = "pacxl-report"
VERSION = 1
RECORD = ",\n      "  # between two records of a table
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def render_json(analysis: Any) -> str:
    """The JSON text of the analysis (UTF-8 characters, ends with a newline)."""
    out = io.StringIO()
    _write(analysis, out)
    return out.getvalue()


def write_json(analysis: Any, path: str | Path) -> None:
    """Write the JSON document to ``path`` atomically, piece by piece."""
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as out:
            _write(analysis, out)

    write_atomically(Path(path), write)


def _write(analysis: Any, out: TextIO) -> None:
    head = {"format": FORMAT, "version": VERSION, **header(analysis),
            "summary": plain(analysis.summary), "burn": plain(analysis.burn)}
    text = _dumps(head, indent=2)
    out.write(text[:-2] + ',\n  "tables": {')  # the head without its closing "\n}"
    for number, (name, frame) in enumerate(analysis.tables().items()):
        out.write(("," if number else "") + f"\n    {_dumps(name)}: [")
        empty = True
        for lines in record_lines(frame):
            out.write(("\n      " if empty else RECORD) + RECORD.join(lines))
            empty = False
        out.write("]" if empty else "\n    ]")
    out.write("\n  }\n}\n")


def record_lines(frame: pd.DataFrame) -> Iterator[list[str]]:
    """The rows of ``frame`` as one-line JSON objects, a few thousand at a time.

    Each line is what ``json.dumps`` writes for the row's dict of plain values, built a
    column at a time: each distinct value of a column is encoded once, with the key before
    it, and each line joins its row's pieces.
    """
    for count, columns in chunks(frame):
        # a dict keeps a repeated name at its first place, with its last value
        kept = list({c.name: c for c in columns}.values())
        last = len(kept) - 1
        pieces = [_pieces(c, ", " if i else "{", "}" if i == last else "")
                  for i, c in enumerate(kept)]
        yield list(map("".join, zip(*pieces, strict=True))) if pieces else ["{}"] * count


def _pieces(column: Column, before: str, after: str) -> list[str]:
    # each row's '<before>"key": value<after>', value as json.dumps writes it
    key = before + encode_basestring(column.name) + ": "
    if column.kind in ("float", "int"):
        texts = reprs(column.uniques)  # the json module writes numbers as their repr
    elif column.kind == "bool":
        texts = ["true" if u else "false" for u in column.uniques.tolist()]
    elif column.kind == "text":
        texts = [encode_basestring(u) for u in column.uniques]
    else:
        texts = [_encode(u) for u in column.uniques]
    return column.take([key + t + after for t in texts], key + "null" + after)


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
