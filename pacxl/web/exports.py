"""The files the pages hand out: a blank workbook, and the report in Excel, JSON or CSV (a zip
of the CSV folder).

Each is written by the library, as ``pacxl new`` and ``pacxl report -o`` write it
(:func:`pacxl.new_workbook`, :func:`pacxl.report.write_report`), in a private temporary
folder that is gone before the bytes are sent.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..generate import new_workbook
from ..report import write_report

if TYPE_CHECKING:
    from ..ecarts import Analysis
    from ..options import NewOptions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """One format offered for download."""

    fmt: str  # the format write_report writes
    suffix: str  # of the downloaded file
    mimetype: str


DOWNLOADS = {
    "xlsx": Download("xlsx", ".xlsx", XLSX),
    "json": Download("json", ".json", "application/json"),
    "csv": Download("csv", ".zip", "application/zip"),
}


def blank_workbook(options: NewOptions, temp_dir: str | None = None) -> bytes:
    """The blank workbook ``pacxl new`` would write with ``options``, as bytes."""
    with tempfile.TemporaryDirectory(prefix="pacxl-web-", dir=temp_dir) as folder:
        return new_workbook(Path(folder) / "PAC.xlsx", options).path.read_bytes()


def export(analysis: Analysis, fmt: str, temp_dir: str | None = None) -> bytes:
    """The report of ``analysis`` in ``fmt`` (a key of :data:`DOWNLOADS`), as bytes."""
    with tempfile.TemporaryDirectory(prefix="pacxl-web-", dir=temp_dir) as folder:
        written = write_report(analysis, Path(folder) / f"report{DOWNLOADS[fmt].suffix}",
                               DOWNLOADS[fmt].fmt)
        return _zipped(written) if written.is_dir() else written.read_bytes()


def _zipped(folder: Path) -> bytes:
    # the CSV folder as one zip, its files at the top
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()
