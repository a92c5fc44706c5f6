"""Uploaded workbooks read and analysed as ``pacxl report`` does, in a private folder.

Each file is saved under a random name in a temporary folder that is removed before the
response; the client's file name is only a label. Files are read and analysed by the app's
:class:`~pacxl.batch.pool.Workers`, processes started from a fork server (a server running
threads must not fork) with the importer's guards: format sniffing, zip pre-flight, a
capped address space and a timer on each parse; the server's own process never parses a
file. One file at a time, so that the request's reading budget is checked between files:
past ``budget`` seconds, the files left are listed as not read.
Several files read make one analysis by :func:`pacxl.consolidate`.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkzeug.datastructures import FileStorage

from ..batch import Failure
from ..batch.pool import Workers
from ..messages import message
from .forms import display_name

if TYPE_CHECKING:
    from ..ecarts import Analysis

MAX_FINDINGS = 500  # findings listed per file on the page (the downloads have them all)
FINDING_COLUMNS = ["severity", "sheet", "cell", "header", "value", "message"]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileOutcome:
    """How one uploaded file went: refused (with the sentence why) or read, with findings."""

    label: str
    refusal: str = ""
    findings: tuple[dict[str, str], ...] = ()  # the importer's, errors first
    errors: int = 0
    warnings: int = 0


@dataclass
class Upload:
    """What one upload gave: each file's outcome and the analysis of the files read."""

    outcomes: list[FileOutcome]
    analysis: Analysis | None

    @property
    def problems(self) -> bool:
        """A file was refused, or has cells in error: the page shows them first."""
        return any(o.refusal or o.errors for o in self.outcomes)


def analyse_uploads(files: Sequence[FileStorage], *, workers: Workers, lang: str,
                    as_of: dt.date | None, budget: float,
                    temp_dir: str | None = None) -> Upload:
    """Save, read and analyse ``files``; nothing is left on disk when this returns."""
    deadline = time.monotonic() + budget
    outcomes: list[FileOutcome] = []
    analyses: list[Analysis] = []
    with tempfile.TemporaryDirectory(prefix="pacxl-web-", dir=temp_dir) as folder:
        for index, upload in enumerate(files):
            label = display_name(upload.filename, index, lang)
            if time.monotonic() > deadline:
                outcomes.append(FileOutcome(label, message("web_not_read", lang,
                                                           seconds=f"{budget:g}")))
                continue
            path = Path(folder) / f"{secrets.token_hex(8)}.xlsx"
            upload.save(path)
            outcome = workers.analyse(str(path), as_of, lang)
            path.unlink()
            if isinstance(outcome, Failure):
                outcomes.append(_refused(outcome, label, lang))
            else:
                outcomes.append(_read(outcome, label))
                analyses.append(outcome)
    return Upload(outcomes, _combined(analyses, lang))


def _refused(failure: Failure, label: str, lang: str) -> FileOutcome:
    # the sentence names the file by its label, never by the path it was read from; a bug
    # is told plainly, its detail goes to the server's log
    if failure.code == "batch_failed":
        log.error("pacxl web: %s", failure.message)
        return FileOutcome(label, message("web_internal_file", lang))
    return FileOutcome(label, failure.message.replace(failure.path, label))


def _read(analysis: Analysis, label: str) -> FileOutcome:
    analysis.path = label
    found = analysis.quality[analysis.quality["source"] == "import"]
    errors = int((found["severity"] == "error").sum())
    ordered = found.sort_values("severity", key=lambda s: s != "error", kind="stable")
    rows = tuple({key: _text(value) for key, value in row.items()}
                 for row in ordered.head(MAX_FINDINGS)[FINDING_COLUMNS].to_dict("records"))
    return FileOutcome(label, findings=rows, errors=errors, warnings=len(found) - errors)


def _text(value: Any) -> str:
    import pandas as pd

    return "" if value is None or bool(pd.isna(value)) else str(value)


def _combined(analyses: list[Analysis], lang: str) -> Analysis | None:
    if len(analyses) <= 1:
        return analyses[0] if analyses else None
    from ..ecarts.consolidate import consolidate

    return consolidate(analyses, [a.path for a in analyses], lang=lang)
