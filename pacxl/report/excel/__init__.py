"""The analysis as an Excel workbook: a summary with native charts, then one sheet per view.

    from pacxl.report.excel import write_excel
    write_excel(analysis, "rapport.xlsx")

Sheets, in the language of the analysis's messages: summary (counts per status, alerts,
budget against the elapsed year, suggestions, data quality; charts of the objectives by
status, of the budget by block and of the months), objectives, actions, KPIs (every tab,
long format), budget (blocks, pace and methods, lines, months, quarters), groupings, lead
sources (each metric's result, objective and status), suggestions, data quality, and for a
consolidation the workbooks compared.

Values only, never a formula: numbers keep their type and format, so Excel and LibreOffice
show them without recalculating, and user text is written as plain strings
(``strings_to_formulas=False``, and shared strings stored by type, see :mod:`.sheet`):
«=cmd|…» stays text. Status cells are coloured and keep their word. The file is assembled
in memory, written to a temporary file, then renamed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...atomic import write_atomically
from . import views
from .book import Report
from .budget import write_budget
from .groupings import write_groupings
from .sources import write_sources
from .summary import add_charts, write_summary
from .words import status_keys

__all__ = ["write_excel"]


def write_excel(analysis: Any, path: str | Path) -> None:
    """Write the Excel report of ``analysis`` to ``path`` atomically."""
    write_atomically(Path(path), lambda tmp: _write(analysis, tmp))


def _write(analysis: Any, path: Path) -> None:
    report = Report(analysis, path)
    w = report.words
    summary = write_summary(report)
    report.table_sheet("objectives", views.objectives(w, report.symbol), analysis.objectives,
                       freeze_columns=2)
    report.table_sheet("actions", views.actions(w, report.symbol), analysis.actions,
                       freeze_columns=2)
    report.table_sheet("kpis", views.kpis(w), views.kpi_rows(analysis.kpis), freeze_columns=3,
                       bold=lambda row: row["headline"] is True)
    placed = write_budget(report)
    write_groupings(report)
    keys = status_keys(analysis.lang)
    report.table_sheet("suggestions", views.suggestions(w, keys), analysis.suggestions)
    report.table_sheet("quality", views.quality(w), analysis.quality)
    budget = write_sources(report) if report.sources else placed.blocks
    add_charts(report, summary, budget, placed.months)
    report.close()
