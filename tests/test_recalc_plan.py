"""Objectives, actions, calendar, funnel and dashboard of a recalculated filled workbook.

Examples checked by hand in real engines: Plezi's conversion gap in percentage points,
late actions and a «Baisse» metric, the funnel rounded up as a person would, the calendar
phasing each action's budget over its days, and the dashboard's picks and status counts.
The complete cell-by-cell comparison is test_recalc_filled.py.
"""

from __future__ import annotations

import pytest
from recalc_books import kpi_at, value_at
from recalc_inputs import ACTIONS, WORDS


@pytest.mark.engine
def test_plezi_rate_gap_in_points(recalculated) -> None:
    wb, result = recalculated
    row = wb.place("smart").first
    assert value_at(result, wb, "smart", row, "gap") == pytest.approx(1.0, rel=1e-9)
    assert value_at(result, wb, "smart", row, "gap_pct") == pytest.approx(0.25, rel=1e-9)
    assert value_at(result, wb, "smart", row, "status") == WORDS[wb.lang]["met"]


@pytest.mark.engine
def test_baisse_metric_and_late_actions(recalculated) -> None:
    wb, result = recalculated
    w = WORDS[wb.lang]
    # cost per qualified lead (Baisse): 500 / 10 = 50 € against 460 / 10 = 46 €: «Proche»
    assert kpi_at(result, wb, "sources", "seo", "cost_per_qualified_lead", "result") == 50
    assert kpi_at(result, wb, "sources", "seo", "cost_per_qualified_lead", "status") == w["near"]
    first = wb.place("actions").first
    late = [value_at(result, wb, "actions", first + i, "late") for i in range(len(ACTIONS))]
    assert late == [w["late"], "", w["late"], "", "", w["late"], "", ""]


@pytest.mark.engine
def test_funnel_rounds_up_like_a_person(recalculated) -> None:
    wb, result = recalculated
    place = wb.place("funnel")
    got = [
        value_at(result, wb, "funnel", place.rows[k], "value")
        for k in ("clients", "sql", "mql", "leads", "visitors", "acquisition_budget")
    ]
    assert got == [42, 120, 400, 1000, 50000, 63000]


@pytest.mark.engine
def test_calendar_phases_the_budget_over_days(recalculated) -> None:
    wb, result = recalculated
    place = wb.place("calendar")
    winter = place.first + 2  # 15/11/2026 – 14/02/2027, 9 200 € over 92 days
    months = [value_at(result, wb, "calendar", winter, f"m{m:02}") for m in range(1, 13)]
    assert months[:2] == [pytest.approx(3100), pytest.approx(1400)]
    assert months[2:] == [0] * 10
    assert value_at(result, wb, "calendar", place.first + 3, "m01") == ""  # no dates
    assert value_at(result, wb, "calendar", place.first + 5, "m05") == ""  # end before start
    rows = place.rows
    quarters = [
        value_at(result, wb, "calendar", rows["quarter_total"], f"m{m:02}") for m in (1, 4, 7, 10)
    ]
    assert sum(quarters) == pytest.approx(26550)  # 36 800 € typed, 10 250 € outside
    assert value_at(result, wb, "calendar", rows["cumulative"], "m12") == pytest.approx(26550)
    assert value_at(result, wb, "calendar", rows["unscheduled"], "budget") == pytest.approx(
        4700 + 3000 + 1550 + 1000
    )


@pytest.mark.engine
def test_dashboard_picks_and_status_counts(recalculated) -> None:
    wb, result = recalculated
    w = WORDS[wb.lang]
    summary = wb.place("status_summary")
    counts = [
        [value_at(result, wb, "status_summary", summary.first + i, col) for i in range(4)]
        for col in ("objectives", "actions")
    ]
    assert counts == [[3, 1, 2, 1], [2, 1, 2, 1]]  # met, close, not met, no data
    picks = wb.place("picks")
    revenue = [
        value_at(result, wb, "picks", picks.first, c)
        for c in ("objective", "result", "attainment", "status")
    ]
    assert revenue == [192000, pytest.approx(169000), pytest.approx(169000 / 192000), w["missed"]]
    cpql = [
        value_at(result, wb, "picks", picks.first + 3, c)  # Baisse: objective ÷ result
        for c in ("direction", "objective", "result", "attainment")
    ]
    assert cpql == [
        w["down"],
        pytest.approx(62460 / 50),
        pytest.approx(62900 / 120),
        pytest.approx((62460 / 50) / (62900 / 120)),
    ]
    unknown = [
        value_at(result, wb, "picks", picks.first + 5, c)  # not in the catalogue
        for c in picks.columns
        if c != "indicator"
    ]
    assert unknown == [""] * 7
    assert value_at(result, wb, "picks", picks.first + 9, "status") == w["tracking"]
