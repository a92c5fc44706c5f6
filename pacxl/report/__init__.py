"""The outputs of ``pacxl report``: one module per format, all fed by one :class:`Analysis`.

    from pacxl.report import write_report
    write_report(analysis, "revue.md")          # the format follows the extension

``html`` a self-contained page (:mod:`.page`), ``xlsx`` an Excel workbook (:mod:`.excel`),
``json`` the whole analysis as data, ``csv`` one file per table in a folder, ``md`` a
readable report, ``summary`` a short text for the terminal. User text is escaped in HTML and
Markdown, written as plain strings in Excel, data in JSON and neutralised against formula
injection in CSV (RELIABILITY guard 9).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionError

if TYPE_CHECKING:
    from ..ecarts import Analysis

FORMATS = ("html", "xlsx", "json", "csv", "md", "summary")
SUFFIXES = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".json": "json", ".md": "md",
            ".csv": "csv", ".txt": "summary"}
# format → (module, function): imported on use, so a command pays only for its format
WRITERS = {"html": ("page", "write_html"), "xlsx": ("excel", "write_excel"),
           "json": ("json", "write_json"), "md": ("markdown", "write_markdown"),
           "summary": ("summary", "write_summary")}

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
    fmt = format_of(path, fmt)
    path = Path(path)
    if fmt == "csv":
        from . import csv

        folder = csv.folder_for(path)
        csv.write_csv(analysis, folder)
        return folder
    module, function = WRITERS[fmt]
    getattr(import_module(f".{module}", __name__), function)(analysis, path)
    return path
