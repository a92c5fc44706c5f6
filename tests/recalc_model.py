"""Every value the filled recalc workbook should show, predicted from what was typed.

:class:`Model` walks the workbook's layout and computes, in plain Python, the value of each
formula cell from tests/recalc_inputs.py and the rules of tests/recalc_rules.py.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

from recalc_books import Key, Value, Workbook
from recalc_inputs import (
    ACTIONS,
    BUDGET,
    BUDGET_BLOCKS,
    ENVELOPE_RATE,
    FUNNEL,
    KPI,
    LANGS,
    PERIODS,
    RENAMED,
    RENEWAL_RATE,
    REVIEW,
    SMART,
    TOLERANCE,
    UNIT_WORDS,
    WORDS,
    YEAR,
    D,
)
from recalc_rules import RULES, add, div, gap, gap_pct, serial, sub

from pacxl.spec import Spec


class Get:
    """The values a KPI rule reads: other metrics of the same line and period."""

    def __init__(self, model: Model, section: str, line: str, period: str) -> None:
        self.model, self.section, self.line, self.period = model, section, line, period

    def __call__(self, metric: str, period: str | None = None) -> float | None:
        return self.model.kpi(self.section, self.line, metric, period or self.period)

    def programmes(self) -> float:
        column = {"n1": "n1", "objective": "budget", "result": "spent"}[self.period]
        return add(*(self.model.budget_total(b, column) for b in BUDGET_BLOCKS))  # type: ignore



class Model:
    """Every value the filled workbook should show, from the inputs of recalc_inputs.py."""

    def __init__(self, wb: Workbook, spec: Spec) -> None:
        self.wb, self.spec, self.w = wb, spec, WORDS[wb.lang]
        self.memo: dict[tuple[str, str, str, str], float | None] = {}
        self.expected: dict[Key, Value] = {}
        self.counts = {
            k: {"smart": 0, "actions": 0, "kpis": 0} for k in ("met", "near", "missed", "missing")
        }

    def status(self, target: float | None, result: float | None, direction: str) -> str:
        """DESIGN.md: Atteint / Proche (within the tolerance) / Non atteint, direction-aware."""
        w = self.w
        if target is None and result is None:
            return ""
        if target is None or result is None:
            return w["missing"]
        if direction == "none":
            return w["tracking"]
        margin = abs(target) * TOLERANCE
        if direction == "down":
            return (
                w["met"]
                if result <= target
                else (w["near"] if result <= target + margin else w["missed"])
            )
        return (
            w["met"]
            if result >= target
            else (w["near"] if result >= target - margin else w["missed"])
        )

    def count(self, table: str, status: str) -> None:
        for key, word in self.w.items():
            if word == status and key in self.counts:
                self.counts[key][table] += 1

    def put(self, key: Key, value: Value | dt.date) -> None:
        if isinstance(value, dt.date):
            value = serial(value)
        self.expected[key] = "" if value is None else value

    # KPI sections
    def kpi(self, section: str, line: str, metric: str, period: str) -> float | None:
        key = (section, line, metric, period)
        if key not in self.memo:
            self.memo[key] = self._kpi(section, line, metric, period)
        return self.memo[key]

    def _kpi(self, section: str, line: str, metric: str, period: str) -> float | None:
        rule = RULES.get(section, {}).get(metric)
        if rule is not None:
            return rule(Get(self, section, line, period))
        aggregate = self.wb.place(section).section.metric(metric).aggregate
        if line == "total" and aggregate == "sum":
            lines = [ln.key for ln in self.wb.place(section).section.lines]
            values = [self.kpi(section, ln, metric, period) for ln in lines]
            present = [x for x in values if x is not None]
            return add(*present) if present else None
        if line == "total" and aggregate == "none":
            return None
        typed = KPI.get(section, {}).get(line, {}).get(metric)
        return None if typed is None else typed[PERIODS.index(period)]

    def kpi_status(self, section: str, line: str, metric: str) -> str:
        direction = self.wb.place(section).section.metric(metric).direction
        return self.status(
            self.kpi(section, line, metric, "objective"),
            self.kpi(section, line, metric, "result"),
            direction,
        )

    def kpi_section(self, section: str) -> None:
        wb, place = self.wb, self.wb.place(section)
        formulas = wb.formula_keys()
        lines = [ln.key for ln in place.section.lines] + (
            ["total"] if place.section.has_total else []
        )
        for index, line in enumerate(lines):
            label = self.line_label(section, line, index)
            if line != "total" and place.section.lines[0].label is None:
                self.put(wb.key(section, place.rows[line], 0), label)
            for m in place.section.metrics:
                row = place.cells[(line, m.key)]
                self.put(wb.key(section, row, "line"), label)
                for period in PERIODS:
                    if wb.key(section, row, period) in formulas:
                        self.put(
                            wb.key(section, row, period), self.kpi(section, line, m.key, period)
                        )
                target = self.kpi(section, line, m.key, "objective")
                result = self.kpi(section, line, m.key, "result")
                self.put(wb.key(section, row, "gap"), gap(target, result, m.unit == "percent"))
                self.put(wb.key(section, row, "gap_pct"), gap_pct(target, result))
                self.put(wb.key(section, row, "status"), self.kpi_status(section, line, m.key))

    def line_label(self, section: str, line: str, index: int) -> Value | dt.date:
        if (section, line) in RENAMED:
            return RENAMED[(section, line)]
        if line != "total" and self.wb.place(section).section.lines[0].label is None:
            return D(YEAR, index + 1, 1)  # a month of the fiscal year
        return self.wb.constant(section, self.wb.place(section).rows[line], 0)

    # tables
    def smart(self) -> None:
        place = self.wb.place("smart")
        for i in range(place.last - place.first + 1):
            v = SMART[i] if i < len(SMART) else {}
            row = place.first + i
            t, r = v.get("target"), v.get("result")
            self.put(self.wb.key("smart", row, "gap"), gap(t, r, v.get("unit") == "%"))
            self.put(self.wb.key("smart", row, "gap_pct"), gap_pct(t, r))
            status = self.status(t, r, v.get("direction", "up"))
            if v.get("type") == "qualitative_type":
                status = self.w[v["qual_status"]] if "qual_status" in v else self.w["qualitative"]
            self.put(self.wb.key("smart", row, "status"), status)
            self.count("smart", status)

    def actions(self) -> None:
        place = self.wb.place("actions")
        for i in range(place.last - place.first + 1):
            v = ACTIONS[i] if i < len(ACTIONS) else {}
            row = place.first + i
            t, r = v.get("target"), v.get("result")
            self.put(
                self.wb.key("actions", row, "budget_gap"), sub(v.get("spent"), v.get("budget"))
            )
            self.put(self.wb.key("actions", row, "gap"), gap(t, r, v.get("unit") == "%"))
            self.put(self.wb.key("actions", row, "gap_pct"), gap_pct(t, r))
            status = self.status(t, r, v.get("direction", "up"))
            self.put(self.wb.key("actions", row, "status"), status)
            self.count("actions", status)
            end, progress = v.get("end"), v.get("progress", "todo")
            late = end is not None and end < REVIEW and progress not in ("done", "cancelled")
            self.put(self.wb.key("actions", row, "late"), self.w["late"] if late else "")
        budget = sum(a.get("budget", 0) for a in ACTIONS)
        spent = sum(a.get("spent", 0) for a in ACTIONS)
        self.put(self.wb.key("actions", place.total_row, "budget"), budget)
        self.put(self.wb.key("actions", place.total_row, "spent"), spent)
        self.put(self.wb.key("actions", place.total_row, "budget_gap"), spent - budget)

    def calendar(self) -> None:
        wb, place = self.wb, self.wb.place("calendar")
        months = [D(YEAR, m, 1) for m in range(1, 13)]
        month_ends = [*(m - dt.timedelta(days=1) for m in months[1:]), D(YEAR, 12, 31)]
        for i, first in enumerate(months):
            self.put(wb.key("calendar", place.header, f"m{i + 1:02}"), first)
        totals = [0.0] * 12
        for i in range(place.last - place.first + 1):
            v = ACTIONS[i] if i < len(ACTIONS) else {}
            row = place.first + i
            mirror = {"id": f"A{i + 1:02}", "owner": None, **v}
            for key in ("id", "action", "owner", "start", "end", "budget"):
                self.put(wb.key("calendar", row, key), mirror.get(key))
            start, end, budget = v.get("start"), v.get("end"), v.get("budget")
            for m, (first, last) in enumerate(zip(months, month_ends, strict=True)):
                share = None
                if start is not None and end is not None and budget is not None and end >= start:
                    days = (min(end, last) - max(start, first)).days + 1
                    share = budget * max(0, days) / ((end - start).days + 1)
                    totals[m] += share
                self.put(wb.key("calendar", row, f"m{m + 1:02}"), share)
        rows = place.rows
        budget = sum(a.get("budget", 0) for a in ACTIONS)
        self.put(wb.key("calendar", rows["month_total"], "budget"), budget)
        for m in range(12):
            col = f"m{m + 1:02}"
            self.put(wb.key("calendar", rows["month_total"], col), totals[m])
            self.put(wb.key("calendar", rows["cumulative"], col), sum(totals[: m + 1]))
        for q in range(4):
            self.put(
                wb.key("calendar", rows["quarter_total"], f"m{3 * q + 1:02}"),
                sum(totals[3 * q : 3 * q + 3]),
            )
        self.put(wb.key("calendar", rows["unscheduled"], "budget"), budget - sum(totals))
        self.calendar_totals = totals

    def budget_total(self, block: str, column: str) -> float:
        index = {"n1": 1, "budget": 2, "spent": 3}[column]
        return float(sum(r[index] for r in BUDGET[block] if r[index] is not None))

    def budget(self) -> None:
        for block in BUDGET_BLOCKS:
            place = self.wb.place(block)
            typed = {r[0]: r for r in BUDGET[block]}
            for i in range(place.last - place.first + 1):
                _, _, budget, spent = typed.get(i, (i, None, None, None))
                row = place.first + i
                self.put(self.wb.key(block, row, "gap"), sub(spent, budget))
                self.put(self.wb.key(block, row, "consumed"), div(spent, budget))
            totals = {c: self.budget_total(block, c) for c in ("n1", "budget", "spent")}
            for column, value in totals.items():
                self.put(self.wb.key(block, place.total_row, column), value)
            self.put(self.wb.key(block, place.total_row, "gap"), totals["spent"] - totals["budget"])
            self.put(
                self.wb.key(block, place.total_row, "consumed"),
                div(totals["spent"], totals["budget"]),
            )

    # forms
    def forms(self) -> None:
        start, end = D(YEAR, 1, 1), D(YEAR, 12, 31)
        elapsed = ((REVIEW - start).days + 1) / ((end - start).days + 1)
        for key, value in (
            ("fiscal_start", start),
            ("fiscal_end", end),
            ("ref_date", REVIEW),
            ("elapsed", elapsed),
        ):
            self.put(self.field_key("params", key), value)
        programmes = {p: self.kpi("scorecard", "scorecard", "programmes", p) for p in PERIODS}
        revenue = self.kpi("scorecard", "scorecard", "revenue", "objective")
        methods = {
            "renewal": programmes["n1"] * (1 + RENEWAL_RATE),  # type: ignore[operator]
            "envelope": revenue * ENVELOPE_RATE,  # type: ignore[operator]
            "bottom_up": float(sum(a.get("budget", 0) for a in ACTIONS)),
            "retained": programmes["objective"],
            "burn": div(programmes["result"], programmes["objective"]),
            "elapsed": elapsed,
        }
        for key, value in methods.items():
            self.put(self.field_key("methods", key), value)
        exact = {k: Fraction(str(v)) for k, v in FUNNEL.items()}
        clients = math.ceil(exact["revenue_target"] / exact["average_sale"])
        sql = math.ceil(clients / exact["sql_to_client"])
        mql = math.ceil(sql / exact["mql_to_sql"])
        leads = math.ceil(mql / exact["lead_to_mql"])
        visitors = math.ceil(leads / exact["visitor_to_lead"])
        budget = clients * exact["cost_per_client"]
        for key, value in (
            ("clients", clients),
            ("sql", sql),
            ("mql", mql),
            ("leads", leads),
            ("visitors", visitors),
            ("acquisition_budget", budget),
        ):
            self.put(self.field_key("funnel", key), float(value))
        assert (clients, sql, mql, leads, visitors) == (42, 120, 400, 1000, 50000)

    def field_key(self, section: str, key: str) -> Key:
        return self.wb.key(section, self.wb.place(section).rows[key], "value")

    # the dashboard
    def dashboard(self) -> None:
        wb, cat = self.wb, self.wb.place("catalogue")
        by_label = {}
        for i, (section, line, metric) in enumerate(cat.entries):
            row = cat.first + i
            for period in PERIODS:
                self.put(wb.key("catalogue", row, period), self.kpi(section, line, metric, period))
            status = self.kpi_status(section, line, metric)
            self.put(wb.key("catalogue", row, "status"), status)
            self.count("kpis", status)
            by_label[wb.constant("catalogue", row, "label")] = (section, line, metric)
        picks = wb.place("picks")
        for row in range(picks.first, picks.last + 1):
            self.pick(row, by_label.get(wb.constant("picks", row, "indicator")))
        summary = wb.place("status_summary")
        for i, status in enumerate(("met", "near", "missed", "missing")):
            for table, column in (
                ("smart", "objectives"),
                ("actions", "actions"),
                ("kpis", "kpis"),
            ):
                self.put(
                    wb.key("status_summary", summary.first + i, column),
                    float(self.counts[status][table]),
                )
        blocks = wb.place("budget_summary")
        for i, block in enumerate(BUDGET_BLOCKS):
            budget, spent = self.budget_total(block, "budget"), self.budget_total(block, "spent")
            for column, value in (
                ("budget", budget),
                ("spent", spent),
                ("consumed", div(spent, budget)),
            ):
                self.put(wb.key("budget_summary", blocks.first + i, column), value)

    def pick(self, row: int, entry: tuple[str, str, str] | None) -> None:
        keys = ("unit", "direction", "objective", "result", "gap", "attainment", "status")
        if entry is None:
            for key in keys:
                self.put(self.wb.key("picks", row, key), "")
            return
        metric = self.wb.place(entry[0]).section.metric(entry[2])
        target = self.kpi(*entry, "objective")
        result = self.kpi(*entry, "result")
        attainment = None
        if target and result:  # neither empty nor zero
            attainment = target / result if metric.direction == "down" else result / target
        values = {
            "unit": UNIT_WORDS[metric.unit][LANGS.index(self.wb.lang)],
            "direction": self.w[metric.direction],
            "objective": target,
            "result": result,
            "gap": gap(target, result, metric.unit == "percent"),
            "attainment": attainment,
            "status": self.status(target, result, metric.direction),
        }
        for key in keys:
            self.put(self.wb.key("picks", row, key), values[key])

    def build(self) -> dict[Key, Value]:
        for place in self.wb.layout.places.values():
            if place.section.kind == "kpi":
                self.kpi_section(place.section.key)
        self.smart()
        self.actions()
        self.calendar()
        self.budget()
        self.forms()
        self.dashboard()
        return self.expected
