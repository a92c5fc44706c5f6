"""Round trip: random plans typed into generated workbooks read back identical.

Each example builds a workbook (French or English), types a random plan into random input
cells with :class:`pacxl.fill.Filler` (action grid, SMART objectives, KPI inputs, settings),
writes it with the generator and reads it back through ``plans.read``.

Values compare exactly, with two documented allowances: text as the importer normalises it
(NFC, trimmed; the generated text has no control characters), and numbers at the precision
the writer stores them (xlsxwriter writes 16 significant digits, not the 17 a double may need).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plans import Made, make, read

from pacxl.reader import Plan

D = dt.date
ACTION_ROWS = 12

# Text a person may type: accents, typographic apostrophes, €, emojis, punctuation, any
# script; no control, format or unassigned characters (the importer drops or keeps those).
TEXT = (
    st.text(
        st.characters(
            blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"), max_codepoint=0x1FAFF
        )
        | st.sampled_from("éèêàçôûÉÀ’«»€ 🎉👍"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
NUMBER = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_subnormal=False),
    st.sampled_from([1e12, -1e12, 1e-9, -1e-9, 0.0, 1234.56, -0.5]),
)
COUNT = st.integers(min_value=0, max_value=10**12).map(float)
RATE = st.floats(min_value=-1, max_value=1, allow_nan=False, allow_subnormal=False)
DATE = st.dates(min_value=D(1990, 1, 1), max_value=D(2199, 12, 31))

ACTION_COLUMNS = {
    "phases": TEXT,
    "target_segment": TEXT,
    "indicator": TEXT,
    "analysis": TEXT,
    "budget": NUMBER,
    "spent": NUMBER,
    "start": DATE,
    "end": DATE,
    "target": NUMBER,
    "result": NUMBER,
}
SMART_COLUMNS = {
    "strategic_id": TEXT,
    "segment": TEXT,
    "indicator": TEXT,
    "n1": NUMBER,
    "target": NUMBER,
    "deadline": DATE,
    "result": NUMBER,
    "comment": TEXT,
}
PARAMS = {"author": TEXT, "review_date": DATE, "tolerance": st.floats(0, 1)}
UNIT_VALUES = {"integer": COUNT, "percent": RATE}  # other units take any NUMBER


def rows(columns: dict[str, st.SearchStrategy], required: str, count: int) -> st.SearchStrategy:
    """Up to ``count`` rows: index → the required text and a random subset of the columns."""
    row = st.fixed_dictionaries({required: TEXT}, optional=columns)
    return st.dictionaries(st.integers(0, count - 1), row, max_size=count)


def kpi_inputs() -> list[tuple[str, str, str, str, str]]:
    """Every KPI input cell: (section, line, metric, period, unit)."""
    made = make("fr", action_rows=1, spare_rows=0)
    cells = []
    for section in (
        "products",
        "sources",
        "months",
        "search",
        "campaigns",
        "events",
        "product_lines",
        "scorecard",
        "channels",
    ):
        spec = made.place(section).section
        lines = [x.key for x in spec.lines] + (["total"] if spec.has_total else [])
        for line in lines:
            for metric in spec.metrics:
                typed = not metric.computed and (line != "total" or metric.aggregate == "input")
                cells += [
                    (section, line, metric.key, period, metric.unit)
                    for period in metric.periods
                    if typed
                ]
    return cells


KPI_CELLS = kpi_inputs()


@st.composite
def kpis(draw: st.DrawFn) -> dict[tuple[str, str, str, str], float]:
    picked = draw(st.lists(st.sampled_from(KPI_CELLS), max_size=25, unique=True))
    return {cell[:4]: draw(UNIT_VALUES.get(cell[4], NUMBER)) for cell in picked}


PLANS = st.fixed_dictionaries(
    {
        "lang": st.sampled_from(["fr", "en"]),
        "actions": rows(ACTION_COLUMNS, "action", ACTION_ROWS),
        "smart": rows(SMART_COLUMNS, "objective", 15),
        "kpis": kpis(),
        "params": st.fixed_dictionaries({}, optional=PARAMS),
    }
)


# -- typing and comparing -----------------------------------------------------------------------


def type_plan(made: Made, plan: dict[str, Any]) -> None:
    for section in ("actions", "smart"):
        for index, values in plan[section].items():
            made.fill.row(section, index, **values)
    for (section, line, metric, period), value in plan["kpis"].items():
        made.fill.kpi(section, line, metric, **{period: value})
    for key, value in plan["params"].items():
        made.fill.field("params", key, value)


def stored(value: Any) -> Any:
    """A typed value as the importer returns it: text normalised, numbers as written."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, float):
        return float(f"{value:.16g}")
    return value


def assert_rows(made: Made, read_back: Plan, section: str, typed: dict[int, dict]) -> None:
    got = {r["row"]: r for r in read_back.tables[section]}
    assert sorted(got) == sorted(made.row(section, i) for i in typed)
    for index, values in typed.items():
        record = got[made.row(section, index)]
        assert {k: record[k] for k in values} == {k: stored(v) for k, v in values.items()}


def assert_kpis(read_back: Plan, typed: dict[tuple[str, str, str, str], float]) -> None:
    records = {(k["section"], k["line_key"], k["metric"]): k for k in read_back.kpis}
    for (section, line, metric, period), value in typed.items():
        assert records[(section, line, metric)][period] == stored(value)


def expected_findings(made: Made, plan: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Negative budgets are the only thing a random plan does wrong."""
    found = set()
    for index, values in plan["actions"].items():
        for column in ("budget", "spent"):
            if values.get(column, 0) < 0:
                found.add(("negative_amount", *made.ref("actions", index, column)))
    return found


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=PLANS)
def test_random_plans_read_back_identical(plan: dict[str, Any]) -> None:
    made = make(plan["lang"], action_rows=ACTION_ROWS, spare_rows=0, team="Alice:Commercial")
    type_plan(made, plan)
    with tempfile.TemporaryDirectory() as folder:
        read_back = read(made.write(Path(folder) / "plan.xlsx"))
    assert_rows(made, read_back, "actions", plan["actions"])
    assert_rows(made, read_back, "smart", plan["smart"])
    assert_kpis(read_back, plan["kpis"])
    for key, value in plan["params"].items():
        assert read_back.params[key] == stored(value), key
    assert {(f.code, f.sheet, f.cell) for f in read_back.findings} == expected_findings(made, plan)
