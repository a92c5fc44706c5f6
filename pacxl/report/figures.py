"""Numbers written for a reader: the French way in fr, the English way in en.

French: a no-break space U+00A0 between thousands (the narrow U+202F is typographically
finer but missing from many fonts and terminals), a decimal comma, «12,3 %», «1 234 €»;
English: «1,234», «12.3%», «€1,234». A rate's gap is in points: «+1,0 pt».
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import Any

import pandas as pd

NBSP = "\u00a0"
DASH = "–"  # an empty value


def is_empty(value: Any) -> bool:
    """True for None, pandas' NA and NaN."""
    kind = type(value)  # the usual types by identity: pd.isna costs far more
    if kind is str or kind is int or kind is bool or kind is pd.Timestamp:
        return False
    if kind is float:
        return value != value  # NaN
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def number(value: Any, lang: str, decimals: int = 0, sign: bool = False) -> str:
    """``value`` with thousands separated and ``decimals`` digits."""
    if is_empty(value) or math.isinf(float(value)):
        return DASH
    text = f"{float(value):{'+' if sign else ''},.{decimals}f}"
    if text.lstrip("+-").strip("0.,") == "":  # -0.0 or +0.0 shows as 0
        text = text.replace("-", "+" if sign else "")
    if lang == "fr":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def decimals_of(value: Any) -> int:
    """0 for a whole amount, else 2."""
    return 0 if is_empty(value) or float(value).is_integer() else 2


@cache
def _symbol(currency: str) -> str:
    from ..spec import load_spec

    known = load_spec().currencies
    return known.get(currency, known["EUR"])["symbol"]


def money(value: Any, lang: str, currency: str = "EUR", sign: bool = False) -> str:
    """An amount with its currency: «1 234 €» in fr, «€1,234» in en."""
    if is_empty(value):
        return DASH
    digits = number(value, lang, decimals_of(value), sign)
    symbol = _symbol(currency)
    if lang == "fr" or len(symbol) > 1:
        return f"{digits}{NBSP}{symbol}"
    head = digits[0] if digits[0] in "+-" else ""
    return f"{head}{symbol}{digits[len(head):]}"


def percent(value: Any, lang: str, decimals: int = 1, sign: bool = False) -> str:
    """A fraction as a percentage: «12,3 %» in fr, «12.3%» in en."""
    if is_empty(value):
        return DASH
    digits = number(float(value) * 100, lang, decimals, sign)
    return f"{digits}{NBSP}%" if lang == "fr" else f"{digits}%"


def points(value: Any, lang: str) -> str:
    """A gap between two rates, in percentage points: «+1,0 pt»."""
    if is_empty(value):
        return DASH
    return f"{number(value, lang, 1, sign=True)}{NBSP}pt"


def day(value: Any, lang: str) -> str:
    """A date: «30/06/2027» in fr, «2027-06-30» in en."""
    if is_empty(value):
        return DASH
    if isinstance(value, pd.Timestamp):
        value = value.date()
    assert isinstance(value, dt.date)
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


KPI_DECIMALS = {"integer": 0, "money": 0, "money2": 2, "number": 1, "times": 1, "years": 1,
                "rank": 0}


def value(value: Any, unit: str | None, lang: str, currency: str = "EUR",
          sign: bool = False) -> str:
    """A value of a KPI, by its value type (integer, money, money2, percent, …)."""
    if unit == "percent":
        return percent(value, lang, sign=sign)
    if unit in ("money", "money2"):
        return money(value, lang, currency, sign)
    decimals = KPI_DECIMALS.get(unit or "", 0)
    if unit not in KPI_DECIMALS and not is_empty(value):
        decimals = decimals_of(value)
    return number(value, lang, decimals, sign)


def gap(row: Any, unit: str | None, lang: str, currency: str = "EUR") -> str:
    """A row's gap: in points for a rate, in the unit of its values otherwise."""
    if unit == "percent":
        return points(row["gap_points"], lang)
    return value(row["gap"], unit, lang, currency, sign=True)
