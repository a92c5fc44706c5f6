"""The report being written: its workbook, formats and words, and the table sheets.

A table sheet has a title row (sheet, company, year, review date), a header row that stays
frozen and repeats on every printed page, an autofilter, and one row per record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ...messages import message
from ...spec import load_spec
from .. import figures as fig
from .cells import (
    Column,
    Formats,
    Row,
    column,
    fitted_widths,
    page_setup,
    records,
    set_widths,
    tabulate,
    write_table,
)
from .sheet import ReportSheet
from .words import Words, report_words

# text stays text (never a formula, number or link); the parts are assembled in memory, not
# in temporary files (quicker, and nothing of the report is left on disk)
OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False,
           "strings_to_urls": False, "in_memory": True}


class Report:
    """An analysis being written to an xlsxwriter workbook."""

    def __init__(self, analysis: Any, path: Path):
        self.analysis = analysis
        self.lang: str = analysis.messages_lang
        self.workbook = xlsxwriter.Workbook(str(path), dict(OPTIONS))
        self.formats = Formats(self.workbook, self.lang, analysis.currency)
        self.words: Words = report_words(self.lang)
        self.title = message("report_summary_title", self.lang, company=analysis.company or "PAC",
                             year=analysis.year or "", date=fig.day(analysis.as_of, self.lang))
        self.sources = sources(analysis)
        currencies = load_spec().currencies
        self.symbol: str = currencies.get(analysis.currency, currencies["EUR"])["symbol"]

    def sheet(self, key: str) -> ReportSheet:
        """A new sheet with its title row."""
        ws = self.workbook.add_worksheet(self.words.sheets[key], worksheet_class=ReportSheet)
        title = f"{self.words.sheets[key]}{self.words.sep()}{self.title}"
        ws.write_string(0, 0, title, self.formats("title"))
        ws.set_row(0, 22)
        return ws

    def name(self, key: str) -> str:
        """The name of a sheet, as a chart refers to it."""
        return self.words.sheets[key]

    def table_sheet(self, key: str, columns: list[Column], frame: pd.DataFrame, *,
                    freeze_columns: int = 0, bold: Callable[[Row], bool] | None = None) -> None:
        """A sheet holding one table, headers frozen, with an autofilter."""
        ws = self.sheet(key)
        if self.sources and "source" in frame.columns:
            columns = [self.source_column(), *columns]
            freeze_columns += 1
        table = tabulate(columns, records(frame), bold)
        widths = fitted_widths(table, self.symbol)
        last = write_table(ws, self.formats, 1, table, widths)
        set_widths(ws, widths)
        ws.freeze_panes(2, freeze_columns)
        ws.autofilter(1, 0, last, len(columns) - 1)
        page_setup(ws, (0, 1))

    def source_column(self) -> Column:
        """The workbook a row comes from, in a consolidation."""
        return column(self.words.columns["source"], "source", "wrap", 18)

    def close(self) -> None:
        """Write the file (xlsxwriter's errors on the file become OSError)."""
        try:
            self.workbook.close()
        except FileCreateError as exc:
            cause = exc.args[0] if exc.args else exc
            raise cause if isinstance(cause, OSError) else OSError(str(cause)) from exc


def sources(analysis: Any) -> list[str]:
    """The source workbooks of a consolidation, in order (their ``source`` labels); empty
    for one workbook."""
    frame = analysis.sources
    if frame.empty or "source" not in frame.columns:
        return []
    return [str(s) for s in dict.fromkeys(frame["source"].dropna())]
