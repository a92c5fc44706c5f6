"""pacxl.values: what people type in a cell, interpreted, with the finding code it earns."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacxl.values import date, integer, interpret, number, parse_date_text, percent, text

D = dt.date
NBSP, NNBSP = "\u00a0", "\u202f"


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 234,56", 1234.56),
        ("1 234,56 €", 1234.56),
        (f"1{NBSP}234,56{NBSP}€", 1234.56),
        (f"1{NNBSP}234,56{NNBSP}€", 1234.56),
        ("1.234,5 €", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234 567,89", 1234567.89),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("1 234.5", 1234.5),
        ("1'234", 1234.0),
        ("12,5", 12.5),
        ("1,234", 1.234),  # a lone comma is the French decimal mark
        ("1.5", 1.5),
        (",5", 0.5),
        ("+5", 5.0),
        ("-5", -5.0),
        ("- 5", -5.0),
        ("−5", -5.0),  # U+2212, the minus sign of typeset text
        ("-5 €", -5.0),
        ("(1 234)", -1234.0),
        ("(1 234,50 €)", -1234.5),
        ("(1 234) €", -1234.0),
        ("60 k€", 60000.0),
        ("60k€", 60000.0),
        ("1,5 K€", 1500.0),
        ("€ 12", 12.0),
        ("12 EUR", 12.0),
        ("12 euros", 12.0),
        ("12 $", 12.0),
        ("1e3", 1000.0),
        ("12 %", 0.12),
        ("12%", 0.12),
        ("12,5 %", 0.125),
        ("  42  ", 42.0),
    ],
)
def test_numbers_typed_as_text_are_read_with_a_warning(typed: str, expected: float) -> None:
    value, note = number(typed, "s")
    assert value == pytest.approx(expected, rel=1e-12)
    assert note == "text_number"


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "12 €/mois",
        "1.5.3",
        "12 34",
        "1 2 3",
        "1.23.456",
        "+-5",
        "--5",
        "%",
        "€",
        "k€",
        "100%%",
        "nan",
        "inf",
        "1e400",
        "1_000",
        "12-",
        "=A1+1",
        "VRAI",
    ],
)
def test_what_is_not_a_number_is_an_error(typed: str) -> None:
    assert number(typed, "s") == (None, "not_a_number")


@pytest.mark.parametrize("dash", ["-", "–", "—", " - "])
def test_a_dash_means_zero_with_a_warning(dash: str) -> None:
    assert number(dash, "s") == (0.0, "dash_zero")
    assert percent(dash, "s") == (0.0, "dash_zero")


def test_stored_numbers_need_no_interpretation() -> None:
    assert number(1234.56, "n") == (1234.56, None)
    assert number(7, "n") == (7.0, None)
    assert number(-0.5, "n") == (-0.5, None)


def test_a_date_in_a_number_column_is_read_as_its_serial_with_a_warning() -> None:
    assert number(46461.0, "d") == (46461.0, "date_in_number")


@pytest.mark.parametrize("stored", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_not_numbers(stored: float) -> None:
    assert number(stored, "n") == (None, "not_a_number")


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?"])
@pytest.mark.parametrize("read", [number, percent, integer, date, text])
def test_error_values_are_errors_in_every_column(error: str, read: Callable) -> None:
    assert read(error, "e") == (None, "error_value")


@pytest.mark.parametrize("flag", [True, False])
def test_booleans(flag: bool) -> None:
    assert number(flag, "b") == (None, "not_a_number")
    assert date(flag, "b") == (None, "not_a_date")
    assert text(flag, "b") == ("VRAI" if flag else "FAUX", None)


@pytest.mark.parametrize("blank", [None, "", "   ", NBSP, f" {NNBSP} "])
@pytest.mark.parametrize("read", [number, percent, integer, date, text])
def test_blanks_are_empty_without_a_finding(blank: object, read: Callable) -> None:
    assert read(blank, "s") == (None, None)


# -- percents and whole numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "kind", "expected"),
    [
        (0.12, "n", (0.12, None)),
        ("0,12", "s", (0.12, "text_number")),
        ("12 %", "s", (0.12, "text_number")),
        ("12%", "s", (0.12, "text_number")),
        ("150 %", "s", (1.5, "text_number")),  # typed as a percent: meant
        (1.0, "n", (1.0, None)),
        (12.0, "n", (12.0, "rate_over_100")),  # 12 typed for 12 %
        ("12", "s", (12.0, "rate_over_100")),
        ("-2", "s", (-2.0, "rate_over_100")),
        ("abc", "s", (None, "not_a_number")),
    ],
)
def test_percent_column(stored: object, kind: str, expected: tuple) -> None:
    assert percent(stored, kind) == expected


@pytest.mark.parametrize(
    ("stored", "kind", "expected"),
    [
        (12.0, "n", (12.0, None)),
        ("1 200", "s", (1200.0, "text_number")),
        (12.5, "n", (12.5, "not_whole")),
        ("12,5", "s", (12.5, "not_whole")),
        ("-", "s", (0.0, "dash_zero")),
    ],
)
def test_integer_column(stored: object, kind: str, expected: tuple) -> None:
    assert integer(stored, kind) == expected


def test_interpret_picks_the_parser_of_the_value_type() -> None:
    assert interpret("12 %", "s", "percent") == (0.12, "text_number")
    assert interpret("2 027", "s", "year") == (2027.0, "text_number")
    assert interpret(2.5, "n", "month_number") == (2.5, "not_whole")
    assert interpret(3.5, "n", "rank") == (3.5, None)  # an average position
    assert interpret("15/03/2027", "s", "date") == (D(2027, 3, 15), "text_date")
    assert interpret(" Salon ", "s", "longtext") == ("Salon", None)
    assert interpret(12.0, "n", "unknown type") == ("12", None)


# -- dates -----------------------------------------------------------------------------------


def test_date_serials_with_and_without_a_date_format() -> None:
    assert date(46461.0, "d") == (D(2027, 3, 15), None)
    assert date(46461.75, "d") == (D(2027, 3, 15), None)  # a time of day is dropped
    assert date(46461.0, "n") == (D(2027, 3, 15), "number_as_date")


@pytest.mark.parametrize(
    "typed",
    [
        "15/03/2027",
        "15-03-27",
        "15.03.2027",
        "2027-03-15",
        "15/3/2027",
        " 15/03/2027 ",
        "2027-03-15T00:00:00",
        "2027-03-15 00:00",
    ],
)
def test_dates_typed_as_text(typed: str) -> None:
    assert date(typed, "s") == (D(2027, 3, 15), "text_date")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01/01/29", D(2029, 1, 1)),
        ("01/01/30", D(1930, 1, 1)),  # Excel's pivot: out of range below
        ("01/01/95", D(1995, 1, 1)),
        ("01/01/00", D(2000, 1, 1)),
    ],
)
def test_two_digit_years_follow_excel(typed: str, expected: dt.date) -> None:
    assert parse_date_text(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "31/02/2027",
        "29/02/2027",
        "2027-02-30",
        "00/01/2027",
        "15/13/2027",
        "demain",
        "15/03",
        "2027",
        "03/15/2027",
        "15/03/2027 14:30",
    ],
)
def test_impossible_or_unreadable_dates_are_errors(typed: str) -> None:
    assert date(typed, "s") == (None, "not_a_date")


@pytest.mark.parametrize(
    ("stored", "kind"),
    [
        ("15/03/1850", "s"),
        ("01/01/2200", "s"),
        ("31/12/1989", "s"),
        ("01/01/30", "s"),
        (5.0, "d"),
        (-1.0, "n"),
        (1_000_000.0, "d"),
    ],
)
def test_out_of_range_dates_are_errors(stored: object, kind: str) -> None:
    assert date(stored, kind) == (None, "date_out_of_range")


@pytest.mark.parametrize("stored", [math.nan, math.inf, 1e300])
def test_unreadable_serials_are_not_dates(stored: float) -> None:
    assert date(stored, "n") == (None, "not_a_date")


def test_the_range_bounds_are_dates() -> None:
    assert date("01/01/1990", "s") == (D(1990, 1, 1), "text_date")
    assert date("31/12/2199", "s") == (D(2199, 12, 31), "text_date")


# -- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "kind", "expected"),
    [
        (12.0, "n", "12"),
        (1.5, "n", "1.5"),
        (-3.0, "n", "-3"),
        (46461.0, "d", "2027-03-15"),
        ("  Salon Batimat  ", "s", "Salon Batimat"),
        ("Cafe\u0301", "s", "Café"),  # NFD → NFC
        ("a\x00b\x1fc", "s", "abc"),  # control characters
        ("ligne 1\nligne 2\tfin", "s", "ligne 1\nligne 2\tfin"),  # kept
        ("\u202eevil", "s", "evil"),  # a bidi override
        ("L’été 2027 🎉", "s", "L’été 2027 🎉"),
        ("\x01", "s", None),  # nothing left
    ],
)
def test_text_columns(stored: object, kind: str, expected: str | None) -> None:
    assert text(stored, kind) == (expected, None)


# -- property: French formatting reads back ----------------------------------------------------


def french(value: float, decimals: int, space: str, euro: bool) -> str:
    """``value`` as a French user or a French locale would write it."""
    english = f"{value:,.{decimals}f}"
    typed = english.replace(",", space).replace(".", ",")
    return typed + (f"{space}€" if euro else "")


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=6),
    space=st.sampled_from([" ", NBSP, NNBSP]),
    euro=st.booleans(),
)
def test_french_formatted_numbers_read_back(
    value: float, decimals: int, space: str, euro: bool
) -> None:
    typed = french(value, decimals, space, euro)
    read, note = number(typed, "s")
    assert note == "text_number"
    assert read == pytest.approx(round(value, decimals), abs=10**-decimals / 2)
    assert read == float(f"{value:.{decimals}f}")


@given(
    value=st.floats(min_value=-10, max_value=10, allow_nan=False),
    space=st.sampled_from(["", " ", NBSP, NNBSP]),
)
def test_french_formatted_percents_read_back(value: float, space: str) -> None:
    typed = f"{value * 100:.2f}".replace(".", ",") + f"{space}%"
    read, note = percent(typed, "s")
    assert note == "text_number"
    assert read == pytest.approx(float(f"{value * 100:.2f}") / 100, rel=1e-12, abs=1e-15)
