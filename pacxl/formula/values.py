"""Cell values, Excel errors and the coercions between them.

Inside the evaluator a value is one of: ``None`` (an empty cell), ``float``, ``str``,
``bool`` or :class:`ExcelError`.  The coercion rules here are the ones Excel and
LibreOffice share (LibreOffice's default "convert text to number only if unambiguous").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Context, Decimal


class ExcelError:
    """An Excel error value such as ``#DIV/0!``; equal to any other error with the same code."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExcelError) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("ExcelError", self.code))

    def __repr__(self) -> str:
        return f"ExcelError({self.code!r})"

    def __str__(self) -> str:
        return self.code


class FormulaError(Exception):
    """A formula uses syntax or a function this evaluator does not support."""


DIV0 = ExcelError("#DIV/0!")
VALUE = ExcelError("#VALUE!")
REF = ExcelError("#REF!")
NAME = ExcelError("#NAME?")
NA = ExcelError("#N/A")
NUM = ExcelError("#NUM!")
NULL = ExcelError("#NULL!")
ERRORS = {e.code: e for e in (DIV0, VALUE, REF, NAME, NA, NUM, NULL)}

_EPS48 = 2.0**-48  # LibreOffice's rtl::math::approxEqual tolerance
_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")
_ISO_DATE_TEXT = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*\Z")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FAKE_LEAP_DAY = dt.date(1900, 3, 1)
_DECIMAL_CONTEXT = Context(prec=800, Emax=10_000, Emin=-10_000)


# -- dates -------------------------------------------------------------------------------


def date_to_serial(d: dt.date) -> float:
    """Excel 1900-system serial number of a date (1900-01-01 is 1, 2027-01-01 is 46388)."""
    if isinstance(d, dt.datetime):
        d = d.date()
    days = (d - _EXCEL_EPOCH).days
    return float(days - 1 if d < _FAKE_LEAP_DAY else days)


def serial_to_date(x: float) -> dt.date:
    """Date of an Excel serial number (fraction ignored); serial 60, Excel's fake
    1900-02-29, raises ValueError like every serial below 1."""
    n = math.floor(x)
    if n < 1 or n == 60:
        raise ValueError(f"serial {x} has no calendar date")
    return _EXCEL_EPOCH + dt.timedelta(days=n + 1 if n < 60 else n)


# -- coercions ---------------------------------------------------------------------------


def text_to_number(text: str) -> float | ExcelError:
    """Number of a numeric-looking text ("3", " 1.5e3 ", "2027-01-15"), else #VALUE!."""
    if _NUMBER_TEXT.match(text):
        return float(text)
    m = _ISO_DATE_TEXT.match(text)
    if m:
        try:
            return date_to_serial(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return VALUE
    return VALUE


def to_number(v: object) -> float | ExcelError:
    """Arithmetic view of a value: empty is 0, booleans are 1/0, numeric text is parsed."""
    t = type(v)
    if t is float:
        return v  # type: ignore[return-value]
    if v is None:
        return 0.0
    if t is bool:
        return 1.0 if v else 0.0
    if t is str:
        return text_to_number(v)  # type: ignore[arg-type]
    if t is ExcelError:
        return v  # type: ignore[return-value]
    if t is int:
        return float(v)  # type: ignore[arg-type]
    return VALUE


def number_to_text(x: float) -> str:
    """A number in text context: up to 15 significant digits, never in E notation below 1
    (like LibreOffice), E notation from 1E+15 on (like Excel)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = format(x, ".15g")
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if int(exponent) < 0:
        return format(Decimal(text), "f")  # 0.00001234, not 1.234E-05
    return f"{mantissa}E+{int(exponent):02d}"


def to_text(v: object) -> str | ExcelError:
    """Text view of a value: empty is "", TRUE/FALSE, numbers in General format."""
    t = type(v)
    if t is str:
        return v  # type: ignore[return-value]
    if v is None:
        return ""
    if t is float:
        return number_to_text(v)  # type: ignore[arg-type]
    if t is bool:
        return "TRUE" if v else "FALSE"
    if t is ExcelError:
        return v  # type: ignore[return-value]
    if t is int:
        return str(v)
    return VALUE


def to_bool(v: object) -> bool | ExcelError:
    """Logical view of a value: numbers are TRUE unless 0, text must read TRUE/FALSE."""
    t = type(v)
    if t is bool:
        return v  # type: ignore[return-value]
    if t is float or t is int:
        return v != 0
    if v is None:
        return False
    if t is str:
        upper = v.upper()  # type: ignore[union-attr]
        if upper == "TRUE":
            return True
        return False if upper == "FALSE" else VALUE
    if t is ExcelError:
        return v  # type: ignore[return-value]
    return VALUE


# -- comparisons -------------------------------------------------------------------------


def approx_equal(a: float, b: float) -> bool:
    """LibreOffice's approxEqual: equal within 2**-48 relative."""
    return a == b or abs(a - b) < max(abs(a), abs(b)) * _EPS48


_BLANK_LIKE = {float: 0.0, str: "", bool: False}
_RANK = {float: 0, str: 1, bool: 2}


def compare(a: object, b: object) -> int:
    """-1, 0 or 1 with Excel's ordering: numbers < text < booleans, text case-insensitive,
    an empty cell taking the other side's type.  Neither side may be an error."""
    if a is None:
        a = _BLANK_LIKE.get(type(b), 0.0)
    if b is None:
        b = _BLANK_LIKE.get(type(a), 0.0)
    ta, tb = type(a), type(b)
    if ta is not tb:
        ra, rb = _RANK.get(ta, 0), _RANK.get(tb, 0)
        if ra != rb:
            return -1 if ra < rb else 1
    if ta is float:
        if approx_equal(a, b):  # type: ignore[arg-type]
            return 0
        return -1 if a < b else 1  # type: ignore[operator]
    if ta is str:
        a, b = a.casefold(), b.casefold()  # type: ignore[union-attr]
    return (a > b) - (a < b)  # type: ignore[operator]


# -- rounding ----------------------------------------------------------------------------


def approx(x: float) -> float:
    """x rounded to 15 significant digits, Excel's displayed precision."""
    return float(format(x, ".15g"))


def approx_floor(x: float) -> float:
    """floor() of x after 15-significant-digit rounding (LibreOffice's approxFloor)."""
    return float(math.floor(approx(x)))


_ROUNDING = {"half": ROUND_HALF_UP, "up": ROUND_UP, "down": ROUND_DOWN}


def round_decimal(x: float, digits: float, mode: str) -> float:
    """ROUND ("half", half away from zero), ROUNDUP ("up") or ROUNDDOWN ("down") of x to
    `digits` decimals, on the 15-significant-digit value of x."""
    n = max(-400, min(400, int(digits)))
    exponent = Decimal(1).scaleb(-n)
    value = Decimal(format(x, ".15g"))
    rounded = value.quantize(exponent, rounding=_ROUNDING[mode], context=_DECIMAL_CONTEXT)
    result = float(rounded)
    return 0.0 if result == 0 else result
