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
from pathlib import Path
from typing import Any, TextIO

from ..atomic import write_atomically
from .records import header, plain, records

FORMAT = "pacxl-report"
VERSION = 1


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
        for row in records(frame):
            out.write(("\n      " if empty else ",\n      ") + _dumps(row))
            empty = False
        out.write("]" if empty else "\n    ]")
    out.write("\n  }\n}\n")


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
