"""The gap rules (pacxl.ecarts.rules, prorata, vocab), each on small hand-made Series.

Every expectation is written by hand from the rules of DESIGN.md and the formulas of
pacxl/build/formulas.py; tests/test_ecarts_one_truth.py checks the same rules against the
workbook recalculated by real engines.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pacxl.ecarts import prorata, rules
from pacxl.ecarts.objectives import link_actions
from pacxl.ecarts.vocab import vocabulary
from pacxl.spec import load_spec

D = dt.date
NA = pd.NA
FR = vocabulary(load_spec(), "fr")
EN = vocabulary(load_spec(), "en")


def floats(*values: float | None) -> pd.Series:
    return pd.Series([NA if v is None else v for v in values], dtype="Float64")


def texts(*values: str | None) -> pd.Series:
    return pd.Series([NA if v is None else v for v in values], dtype="string")


def keys(target: float | None, result: float | None, direction: str = "up",
         tolerance: float = 0.1) -> str:
    """The status key of one row."""
    return rules.status_keys(floats(target), floats(result), texts(direction), tolerance)[0]


def values(series: pd.Series) -> list[object]:
    return [None if v is NA else v for v in series]


# -- gaps ------------------------------------------------------------------------------------


def test_gap_is_result_minus_target_and_empty_when_either_is() -> None:
    gap = rules.gap(floats(40, 100, None, 5), floats(28, 120, 3, None))
    assert values(gap) == [-12, 20, None, None]
    assert str(gap.dtype) == "Float64"


def test_gap_of_equal_numbers_is_zero_as_in_a_spreadsheet() -> None:
    # 0.1 + 0.2 − 0.3 is 5.6e-17 in Python; LibreOffice's approxSub gives 0
    assert values(rules.gap(floats(0.3), floats(0.1 + 0.2))) == [0.0]


def test_rate_gap_in_points_plezi_example() -> None:
    target, result = floats(0.04, 100), floats(0.05, 120)
    rate = pd.Series([True, False], dtype="boolean")
    assert values(rules.gap_points(target, result, rate)) == [pytest.approx(1.0), None]
    assert values(rules.gap_pct(target, result)) == [pytest.approx(0.25), pytest.approx(0.2)]


def test_gap_pct_of_zero_missing_and_negative_targets() -> None:
    pct = rules.gap_pct(floats(0, None, -10, 50), floats(2, 3, -9, None))
    assert values(pct) == [None, None, pytest.approx(0.1), None]  # ÷ |−10|


# -- statuses --------------------------------------------------------------------------------


def test_empty_missing_and_tracking_statuses() -> None:
    assert keys(None, None) == ""
    assert keys(None, None, "none") == ""
    assert keys(40, None) == "missing"
    assert keys(None, 28) == "missing"
    assert keys(10, 5, "none") == "tracking"


@pytest.mark.parametrize(
    ("target", "result", "expected"),
    [
        (40, 40, "met"), (40, 41, "met"), (100, 90, "near"), (100, 89.99, "missed"),
        (40, 28, "missed"),  # Bob: 28 clients of 40
        (1.1, 0.99, "near"),  # 1.1 − 0.11 = 0.9900000000000001: equal as spreadsheets compare
        (0.25, 0.225, "near"), (-10, -11, "near"), (-10, -11.01, "missed"), (-10, -9, "met"),
        (0, 0, "met"), (0, 2, "met"), (0, -1, "missed"),  # a zero target has no band
    ],
)
def test_hausse_statuses_and_the_tolerance_band(target: float, result: float,
                                                expected: str) -> None:
    assert keys(target, result) == expected


@pytest.mark.parametrize(
    ("target", "result", "expected"),
    [
        (50, 40, "met"), (50, 50, "met"), (50, 55, "near"), (50, 55.01, "missed"),
        (1500, 1803, "missed"),  # Bob's acquisition cost: 1 803 € against 1 500 €
        (46, 50, "near"),  # cost per qualified lead 50 € against 46 €: within 4,60 €
        (0.05, 0.055, "near"),  # a bounce rate, on the band
    ],
)
def test_baisse_statuses_lower_is_better(target: float, result: float, expected: str) -> None:
    assert keys(target, result, "down") == expected


def test_tolerance_zero_and_wide() -> None:
    assert keys(100, 99.9, tolerance=0) == "missed"
    assert keys(100, 50, tolerance=0.5) == "near"
    assert keys(100, 49, tolerance=0.5) == "missed"


def test_direction_words_as_the_formula_reads_them() -> None:
    typed = texts("Baisse", "baisse", "BAISSE", "—", "Hausse", "", None, "Down")
    assert values(rules.direction_keys(typed, FR)) == [
        "down", "down", "down", "none", "up", "up", "up", "up"]  # «Down» is no French word
    assert values(rules.direction_keys(texts("down", "Baisse"), EN)) == ["down", "up"]


def test_status_words_in_both_languages() -> None:
    found = texts("met", "near", "missed", "missing", "tracking", "")
    assert values(rules.status_words(found, FR)) == [
        "Atteint", "Proche", "Non atteint", "Non renseigné", "Suivi", ""]
    assert values(rules.status_words(found, EN)) == [
        "Met", "Close", "Not met", "No data", "Tracking", ""]


def test_qualitative_objectives_keep_the_chosen_status() -> None:
    kind = texts("Qualitatif", "QUALITATIF", "Quantitatif", None)
    chosen = texts("Non atteint", None, "Atteint", None)
    found = texts("met", "met", "missed", "")
    words = rules.status_words(found, FR)
    new_keys, new_words = rules.qualitative(kind, chosen, found, words, FR)
    assert values(new_words) == ["Non atteint", "Qualitatif", "Non atteint", ""]
    assert values(new_keys) == ["missed", "qualitative", "missed", ""]


def test_late_actions() -> None:
    ends = pd.Series([D(2027, 3, 31), D(2027, 3, 31), D(2027, 6, 30), None, D(2027, 5, 1),
                      D(2027, 2, 1), D(2027, 7, 1)], dtype="datetime64[s]")
    progress = texts("En cours", "TERMINÉE", "En cours", "En cours", None, "annulée", None)
    late = rules.late(ends, progress, D(2027, 6, 30), FR)
    assert values(late) == [True, False, False, False, True, False, False]
    assert values(rules.late_words(late, FR))[:2] == ["En retard", ""]
    assert values(rules.late_words(late, EN))[0] == "Late"


def test_approximate_equality_is_libreoffice_s() -> None:
    a = np.array([0.3, 1.0, 0.0, 2.0**60, np.nan, 1e-300])
    b = np.array([0.1 + 0.2, 1.0 + 2**-40, 1e-300, 2.0**60 + 256, np.nan, 1e-300])
    assert list(rules.approx_equal(a, b)) == [True, False, False, True, False, True]


# -- the review date and pro rata ----------------------------------------------------------


def test_review_date_order_argument_settings_today() -> None:
    params = {"review_date": D(2027, 6, 30)}
    assert prorata.review_date(params, "2027-03-31") == (D(2027, 3, 31), "argument")
    assert prorata.review_date(params) == (D(2027, 6, 30), "parameters")
    assert prorata.review_date({}, today=D(2027, 1, 5)) == (D(2027, 1, 5), "today")


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2027, 3, 31), 0.0), (D(2027, 4, 1), 1 / 366), (D(2027, 9, 30), 183 / 366),
     (D(2028, 3, 31), 1.0), (D(2029, 1, 1), 1.0)],
)
def test_elapsed_share_as_p_ecoule(as_of: dt.date, expected: float) -> None:
    # a fiscal year from April 2027 to March 2028: 366 days (29 February 2028)
    params = {"fiscal_start": D(2027, 4, 1), "fiscal_end": D(2028, 3, 31)}
    assert prorata.period(params, as_of).elapsed == expected


def test_fiscal_year_without_settings_follows_the_review_date() -> None:
    assert prorata.fiscal_year({"first_month": 7}, D(2027, 9, 1)) == (
        D(2027, 7, 1), D(2028, 6, 30))


def test_shares_of_periods_and_their_fallback() -> None:
    starts = pd.Series([D(2027, 1, 1), None, D(2027, 5, 10)], dtype="datetime64[s]")
    ends = pd.Series([D(2027, 1, 10), D(2027, 1, 10), D(2027, 5, 1)], dtype="datetime64[s]")
    found = prorata.shares(starts, ends, D(2027, 1, 5), fallback=0.5)
    assert values(found) == [0.5, 0.5, 0.5]  # 5 of 10 days; no start; reversed dates
    assert values(prorata.shares(starts, ends, D(2027, 3, 1), 0.0))[0] == 1.0


def test_target_to_date_pro_rata_only_for_flows() -> None:
    target, factor = floats(40, 0.25, None), floats(0.75, 0.75, 0.75)
    flow = pd.Series([True, False, True], dtype="boolean")
    assert values(prorata.to_date(target, factor, flow)) == [30.0, 0.25, None]


@pytest.mark.parametrize(
    ("section", "metric", "flow"),
    [("products", "revenue", True), ("products", "sales", True),
     ("products", "average_sale", False),  # money, but revenue ÷ sales
     ("products", "win_ratio", False), ("channels", "direct", True),  # a sum of amounts
     ("sources", "cost_per_qualified_lead", False), ("months", "bounced_visits", False),
     ("search", "keyword_position", False), ("product_lines", "lifetime", False),
     ("product_lines", "clv_cac", False), ("scorecard", "programmes", True),
     ("scorecard", "headcount", False), ("scorecard", "per_person", False)],
)
def test_which_kpis_are_flows(section: str, metric: str, flow: bool) -> None:
    _, sec = load_spec().section(section)
    assert prorata.kpi_flow(sec.metric(metric)) is flow


def test_flow_units_of_the_tables_follow_the_currency() -> None:
    assert {"€", "nombre"} == FR.flow_units
    assert "$" in vocabulary(load_spec(), "en", "USD").flow_units
    assert "count" in EN.flow_units


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [(0.0, -0.0, True), (np.inf, np.inf, True), (np.inf, 1.0, False), (-np.inf, np.inf, False),
     (5e-324, 1e-323, False),  # subnormals: |a|·2⁻⁴⁸ is 0, only a == b counts
     (1.7e308, -1.7e308, False), (3.0, 3.0000000000000004, True),
     (2.0**52, 2.0**52 + 2, False)],  # integers within 2⁻⁴⁸ stay apart
)
def test_approximate_equality_at_the_edges(a: float, b: float, equal: bool) -> None:
    assert bool(rules.approx_equal(np.array([a]), np.array([b]))[0]) is equal


def test_linked_totals_add_up_as_pandas_groupby_to_the_bit() -> None:
    # link_actions adds up in one pass; its totals must be groupby(...).sum()'s exactly
    # (compensated additions): a plain sum differs in the last bit on such values
    rng = np.random.default_rng(7)
    n = 300
    amounts = rng.choice([0.1, 0.2, 0.3, 3.3, 7.77, 123456.789], size=(2, n))
    amounts[rng.random((2, n)) < 0.2] = np.nan
    actions = pd.DataFrame({
        "objective_id": pd.array(rng.choice(["O1", "O2", "O3", None], size=n), dtype="string"),
        "budget": pd.array(amounts[0], dtype="Float64"),
        "spent": pd.array(amounts[1], dtype="Float64")})
    objectives = pd.DataFrame({"id": pd.array(["O2", "O1", None, "O9", "O2"], dtype="string")})
    linked = link_actions(objectives.copy(), actions)
    groups = actions.dropna(subset=["objective_id"]).groupby("objective_id")
    ids = objectives["id"]
    for column, dtype, expected in (("actions", "Int64", groups.size()),
                                    ("actions_budget", "Float64", groups["budget"].sum()),
                                    ("actions_spent", "Float64", groups["spent"].sum())):
        # lists compare floats exactly; assert_series_equal would allow 1e-5 on Float64
        assert linked[column].tolist() == ids.map(expected).fillna(0).tolist()
        assert str(linked[column].dtype) == dtype
