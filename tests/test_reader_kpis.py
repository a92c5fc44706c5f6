"""A clean filled workbook: its KPI blocks read back what was typed, and recomputed.

The importer (pacxl.reader) on the KPI tabs of a filled workbook, in French and in English:
typed inputs, line labels and attributes, month lines carrying their month, and computed
metrics recomputed from the inputs (never taken from the cells' cache).
"""

from __future__ import annotations

import pytest
from reader_books import LANGS, D, Read, ReaderBooks, kpi_of, line_of


@pytest.fixture(scope="module", params=LANGS)
def filled(request: pytest.FixtureRequest, reader_books: ReaderBooks) -> Read:
    """The filled workbook in each language (written and read once per session)."""
    return reader_books.filled(request.param)


def test_kpi_inputs_read_back_identical(filled: Read) -> None:
    for (section, line, metric), periods in filled.typed.kpis.items():
        record = kpi_of(filled.plan, section, line, metric)
        assert {p: record[p] for p in periods} == periods, (section, line, metric)


def test_line_labels_and_attributes_read_back(filled: Read) -> None:
    for (section, line), values in filled.typed.lines.items():
        got = line_of(filled.plan, section, line)
        assert {k: got[k] for k in values} == values, (section, line)
    typed = filled.typed.lines[("events", "l01")]
    assert kpi_of(filled.plan, "events", "l01", "budget")["line"] == typed["line"]


def test_untouched_editable_lines_keep_their_template_label(filled: Read) -> None:
    spec_line = filled.made.place("products").section.lines[1]
    assert line_of(filled.plan, "products", "p2")["line"] == spec_line.label(filled.made.lang)
    assert line_of(filled.plan, "campaigns", "l01")["date"] is None


def test_month_lines_carry_their_month(filled: Read) -> None:
    # the fiscal year starts in April: m01 is April 2027, m04 July, m12 March 2028
    assert kpi_of(filled.plan, "months", "m01", "visits")["period"] == D(2027, 4, 1)
    assert kpi_of(filled.plan, "months", "m04", "visits")["period"] == D(2027, 7, 1)
    assert line_of(filled.plan, "months", "m12")["period"] == D(2028, 3, 1)
    assert kpi_of(filled.plan, "months", "total", "visits")["period"] is None


@pytest.mark.parametrize(
    ("section", "line", "metric", "expected"),
    [
        ("products", "p1", "win_ratio", {"n1": 4 / 16, "objective": 5 / 20, "result": 6 / 18}),
        ("products", "total", "opportunities", {"n1": 22, "objective": 30, "result": 26}),
        ("products", "total", "win_ratio", {"n1": 4 / 22, "objective": 6 / 30, "result": 8 / 26}),
        (
            "products",
            "total",
            "average_sale",
            {"n1": 136_000 / 4, "objective": 170_000 / 6, "result": 153_000 / 8},
        ),
        (
            "products",
            "p1",
            "growth",
            {"n1": None, "objective": 150_000 / 120_000 - 1, "result": 135_000 / 120_000 - 1},
        ),
        ("channels", "all", "total", {"n1": None, "objective": 150_000, "result": 165_000}),
        ("channels", "all", "indirect_share", {"objective": 1 / 3, "result": 1 / 3}),
        ("sources", "seo", "qualification_rate", {"objective": 0.25, "result": 0.25}),
        ("sources", "total", "budget", {"n1": None, "result": 1500.75}),
        ("months", "total", "visits", {"n1": 900, "objective": 3000, "result": 2600}),
        ("months", "total", "new_visit_rate", {"objective": 1600 / 3000, "result": 1400 / 2600}),
        ("campaigns", "l02", "deliverability", {"objective": 0.95, "result": 1100 / 1200}),
        ("campaigns", "total", "open_rate", {"objective": None, "result": 0.3}),
        ("events", "l01", "roi", {"objective": 4.0, "result": 1.5}),
        ("events", "total", "cost_per_lead", {"objective": None}),
        ("product_lines", "l01", "clv", {"result": 100_000 / 40 * 0.5 * 2.5}),
        ("product_lines", "total", "revenue", {"result": 160_000}),
        ("product_lines", "total", "clv", {"result": 160_000 / 60 * 0.4 * 3}),
        ("product_lines", "total", "clv_cac", {"result": None}),
        (
            "scorecard",
            "scorecard",
            "programmes",
            {"n1": 712_000, "objective": 745_000, "result": 135_000.5},
        ),
        ("scorecard", "scorecard", "total_cost", {"n1": 948_000, "objective": 990_000}),
        ("scorecard", "scorecard", "cost_ratio", {"n1": 948 / 21_130, "objective": 990 / 24_000}),
        ("scorecard", "scorecard", "per_person", {"n1": 178_000, "objective": 186_250}),
    ],
)
def test_computed_metrics_are_recomputed_from_the_inputs(
    filled: Read, section: str, line: str, metric: str, expected: dict
) -> None:
    record = kpi_of(filled.plan, section, line, metric)
    assert record["computed"] is (metric not in ("opportunities", "visits", "revenue", "budget"))
    for period, value in expected.items():
        assert record[period] == (None if value is None else pytest.approx(value)), period
