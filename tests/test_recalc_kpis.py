"""The KPI tabs of a filled workbook, recalculated by real engines, checked by hand.

Examples from the sources, with the numbers written out: SO'xperts' marketing budget on the
scorecard, empty and zero denominators that must stay empty, web totals whose ratios come
from summed counts, Neocamino's CAC and lifetime value, event ROI and e-mailing rates.
The complete cell-by-cell comparison is test_recalc_filled.py.
"""

from __future__ import annotations

import pytest
from recalc_books import kpi_at
from recalc_inputs import WORDS


@pytest.mark.engine
def test_so_xperts_budget_example(recalculated) -> None:
    wb, result = recalculated

    def score(metric: str, period: str) -> object:
        return kpi_at(result, wb, "scorecard", "scorecard", metric, period)

    assert (score("programmes", "n1"), score("programmes", "objective")) == (712000, 745000)
    assert (score("total_cost", "n1"), score("total_cost", "objective")) == (948000, 990000)
    assert score("cost_ratio", "n1") == pytest.approx(948 / 21130, rel=1e-12)
    assert round(score("cost_ratio", "n1") * 100, 2) == 4.49  # type: ignore[operator]
    assert score("cost_ratio", "objective") == pytest.approx(0.04125, rel=1e-12)  # 4.13 %
    assert score("programme_share", "objective") == pytest.approx(745 / 990, rel=1e-12)
    assert round(score("programme_share", "objective"), 2) == 0.75  # type: ignore[arg-type]
    assert (score("per_person", "n1"), score("per_person", "objective")) == (178000, 186250)
    # no salaries typed for N: the ratios that need them stay empty, the others compute
    assert (score("total_cost", "result"), score("cost_ratio", "result")) == ("", "")
    assert score("per_person", "result") == 346200 / 4
    assert (
        kpi_at(result, wb, "scorecard", "scorecard", "per_person", "status")
        == WORDS[wb.lang]["tracking"]
    )


@pytest.mark.engine
def test_empty_and_zero_denominators_stay_empty(recalculated) -> None:
    wb, result = recalculated
    assert kpi_at(result, wb, "products", "p1", "win_ratio", "result") == ""  # 0 opportunities
    assert kpi_at(result, wb, "products", "p1", "average_sale", "result") == ""  # 0 sales
    assert kpi_at(result, wb, "products", "p2", "growth", "result") == ""  # no N-1 revenue
    assert kpi_at(result, wb, "campaigns", "l02", "cost_per_lead", "result") == ""  # no leads
    assert kpi_at(result, wb, "events", "l03", "cost_per_lead", "result") == ""  # no leads
    assert kpi_at(result, wb, "events", "l02", "roi", "result") == ""  # zero budget
    assert kpi_at(result, wb, "product_lines", "l02", "clv_cac", "result") == ""  # no CAC
    assert kpi_at(result, wb, "sources", "seo", "qualification_rate", "result") == ""


@pytest.mark.engine
def test_web_total_ratios_come_from_summed_counts(recalculated) -> None:
    wb, result = recalculated
    rate = kpi_at(result, wb, "months", "total", "new_visit_rate", "result")
    assert rate == pytest.approx(1500 / 4000, rel=1e-12)  # not (60 % + 30 %) / 2
    assert kpi_at(result, wb, "months", "total", "bounce_rate", "result") == pytest.approx(
        1900 / 4000, rel=1e-12
    )


@pytest.mark.engine
def test_key_metrics_events_and_emailing(recalculated) -> None:
    wb, result = recalculated
    assert kpi_at(result, wb, "product_lines", "l01", "cac", "result") == 1500  # Neocamino
    assert kpi_at(result, wb, "product_lines", "l01", "clv", "result") == pytest.approx(3600)
    assert kpi_at(result, wb, "product_lines", "l01", "clv_cac", "result") == pytest.approx(2.4)
    assert kpi_at(result, wb, "events", "l01", "roi", "result") == pytest.approx(3.5)
    assert kpi_at(result, wb, "events", "l03", "roi", "result") == pytest.approx(-0.5)
    assert kpi_at(result, wb, "events", "total", "roi", "result") == pytest.approx(
        (51500 - 13000) / 13000
    )
    assert kpi_at(result, wb, "campaigns", "total", "open_rate", "result") == pytest.approx(
        800 / 2850
    )
    assert kpi_at(result, wb, "campaigns", "total", "cost_per_lead", "result") == pytest.approx(
        750 / 9
    )
