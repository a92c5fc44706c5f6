"""The whole analysis as one JSON document, for programs.

Keys in a fixed order: ``format`` and ``version``, the plain attributes, ``summary``,
``burn``, then ``tables`` (every table of :meth:`Analysis.tables` as a list of records, in
that order). Dates are ISO ``YYYY-MM-DD``, an empty value ``null``, numbers are numbers.
User text is kept exactly as typed: JSON is data, escaped by the encoder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from .records import header, plain, records

FORMAT = "pacxl-report"
VERSION = 1


def document(analysis: Any) -> dict[str, Any]:
    """The analysis as plain dicts and lists, in the document's key order."""
    return {
        "format": FORMAT, "version": VERSION, **header(analysis),
        "summary": plain(analysis.summary), "burn": plain(analysis.burn),
        "tables": {name: records(frame) for name, frame in analysis.tables().items()},
    }


def render_json(analysis: Any) -> str:
    """The JSON text of the analysis (UTF-8 characters, indented, ends with a newline)."""
    return json.dumps(document(analysis), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_json(analysis: Any, path: str | Path) -> None:
    """Write the JSON document to ``path`` atomically."""
    text = render_json(analysis)
    write_atomically(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
