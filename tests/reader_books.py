"""The reader tests' workbooks and the helpers that look into what the importer read.

Workbooks are generated with the builder, filled by meaning with :class:`pacxl.fill.Filler`
(see ``plans.py``), and read back through ``plans.read``. :class:`ReaderBooks`, behind the
session fixture ``reader_books`` of tests/conftest.py, writes and reads each shared
workbook once per test session, whichever test module asks for it first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plans import Made, Ref, Typed, fill_plan, make, read

from pacxl.reader import Plan
from pacxl.spec import load_spec

D = dt.date
LANGS = ("fr", "en")
PERIODS = ("n1", "objective", "result")


def team(lang: str) -> str:
    """Two members whose roles come from the «Rôles» list."""
    roles = load_spec().list("roles").values
    return f"Alice Martin:{roles[1](lang)};Bruno Petit:{roles[3](lang)}"


@dataclass
class Read:
    """A workbook written, what was typed into it, and what the importer read back."""

    made: Made
    path: Path
    plan: Plan
    typed: Typed = field(default_factory=Typed)


def write_filled(path: Path, lang: str) -> Read:
    made = make(lang, first_month=4, company="Isolations Dupont & Fils", team=team(lang))
    typed = fill_plan(made)
    made.write(path)
    return Read(made, path, read(path), typed)


class ReaderBooks:
    """Workbooks written and read once per test session, by name, on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, Read] = {}

    def once(self, name: str, write: Callable[[Path], Read]) -> Read:
        """The workbook called name, written by write(folder / "name.xlsx") on first use."""
        if name not in self.made:
            self.made[name] = write(self.folder / f"{name}.xlsx")
        return self.made[name]

    def filled(self, lang: str) -> Read:
        """The filled workbook in lang."""
        return self.once(f"filled_{lang}", lambda path: write_filled(path, lang))


# -- looking into a read plan ----------------------------------------------------------------


def row_of(plan: Plan, section: str, row: int) -> dict[str, Any]:
    """The record of a table section read from 1-based ``row``."""
    found = [r for r in plan.tables[section] if r["row"] == row]
    assert len(found) == 1, f"{section}: row {row} read {len(found)} times"
    return found[0]


def kpi_of(plan: Plan, section: str, line: str, metric: str) -> dict[str, Any]:
    found = [
        k
        for k in plan.kpis
        if (k["section"], k["line_key"], k["metric"]) == (section, line, metric)
    ]
    assert len(found) == 1, (section, line, metric)
    return found[0]


def line_of(plan: Plan, section: str, line: str) -> dict[str, Any]:
    return next(x for x in plan.kpi_lines[section] if x["line_key"] == line)


def findings(plan: Plan) -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in plan.findings}


def finding(code: str, ref: Ref) -> tuple[str, str, str]:
    return code, ref[0], ref[1]
