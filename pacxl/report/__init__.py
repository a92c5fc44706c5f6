"""The outputs of ``pacxl report``: one module per format, all fed by one :class:`Analysis`.

    from pacxl.report import write_report
    write_report(analysis, "revue.md")          # the format follows the extension

``json`` the whole analysis as data, ``csv`` one file per table in a folder, ``md`` a
readable report, ``summary`` a short text for the terminal. User text is data in JSON,
neutralised against formula injection in CSV and escaped in Markdown (RELIABILITY guard 9).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionError

if TYPE_CHECKING:
    from ..ecarts import Analysis

FORMATS = ("json", "csv", "md", "summary")
SUFFIXES = {".json": "json", ".md": "md", ".csv": "csv", ".txt": "summary"}

__all__ = ["FORMATS", "format_of", "write_report"]


def format_of(output: str | Path | None, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the one ``output``'s extension names
    (no extension: a CSV folder; no output: the summary)."""
    if fmt:
        return fmt
    if output is None:
        return "summary"
    suffix = Path(output).suffix.lower()
    if not suffix or Path(output).is_dir():
        return "csv"
    if suffix not in SUFFIXES:
        raise OptionError("report_bad_format", path=output, choices=", ".join(SUFFIXES))
    return SUFFIXES[suffix]


def write_report(analysis: Analysis, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``analysis`` to ``path`` in ``fmt`` (by default, as the extension says).

    Returns:
        The path written: for CSV, the folder (``<name>_csv`` for a ``<name>.csv`` path).
    """
    from . import csv, json, markdown, summary

    fmt = format_of(path, fmt)
    path = Path(path)
    if fmt == "csv":
        folder = csv.folder_for(path)
        csv.write_csv(analysis, folder)
        return folder
    writer = {"json": json.write_json, "md": markdown.write_markdown,
              "summary": summary.write_summary}[fmt]
    writer(analysis, path)
    return path
