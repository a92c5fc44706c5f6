"""Single-value worksheet functions: logic, maths, dates, text, lookup.

Each impl takes the Evaluator then its evaluated arguments; an argument is a value, or a
Range / Array where the function's registered mode allows one ("R").
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

from .criteria import matches_text
from .operators import sub
from .reference import Array, Range
from .registry import register, register_special
from .values import (
    NA,
    NUM,
    REF,
    VALUE,
    ExcelError,
    approx_floor,
    compare,
    date_to_serial,
    round_decimal,
    serial_to_date,
    to_bool,
    to_number,
    to_text,
)

_LAST_SERIAL = 2958465.0  # 9999-12-31
_ABSENT = object()

register_special("IF", 2, 3)
register_special("IFERROR", 2, 2)
register_special("CHOOSE", 2, 255)


# -- logic -------------------------------------------------------------------------------


def _logical_values(ev, args: tuple) -> list[bool] | ExcelError:
    found: list[bool] = []
    for a in args:
        if type(a) is Range or type(a) is Array:
            for v in a.values(ev):
                t = type(v)
                if t is bool:
                    found.append(v)
                elif t is float:
                    found.append(v != 0.0)
                elif t is ExcelError:
                    return v
        elif a is not None:
            b = to_bool(a)
            if type(b) is ExcelError:
                return b
            found.append(b)  # type: ignore[arg-type]
    return found if found else VALUE


@register("AND", 1, 255, "R")
def and_(ev, *args):
    found = _logical_values(ev, args)
    return found if type(found) is ExcelError else all(found)


@register("OR", 1, 255, "R")
def or_(ev, *args):
    found = _logical_values(ev, args)
    return found if type(found) is ExcelError else any(found)


@register("NOT", 1, 1, lift=True)
def not_(ev, x):
    b = to_bool(x)
    return b if type(b) is ExcelError else not b


@register("ISBLANK", 1, 1, lift=True)
def isblank(ev, x):
    return x is None


@register("ISNUMBER", 1, 1, lift=True)
def isnumber(ev, x):
    return type(x) is float


@register("ISTEXT", 1, 1, lift=True)
def istext(ev, x):
    return type(x) is str


@register("ISERROR", 1, 1, lift=True)
def iserror(ev, x):
    return type(x) is ExcelError


@register("NA", 0, 0)
def na(ev):
    return NA


@register("N", 1, 1, lift=True)
def n_(ev, x):
    if type(x) is float or type(x) is ExcelError:
        return x
    return (1.0 if x else 0.0) if type(x) is bool else 0.0


# -- maths -------------------------------------------------------------------------------


def _numbers(*values: object) -> list[float] | ExcelError:
    out = []
    for v in values:
        n = to_number(v)
        if type(n) is ExcelError:
            return n
        out.append(n)
    return out  # type: ignore[return-value]


@register("ABS", 1, 1, lift=True)
def abs_(ev, x):
    n = to_number(x)
    return n if type(n) is ExcelError else abs(n)  # type: ignore[arg-type]


@register("INT", 1, 1, lift=True)
def int_(ev, x):
    n = to_number(x)
    return n if type(n) is ExcelError else approx_floor(n)  # type: ignore[arg-type]


@register("MOD", 2, 2, lift=True)
def mod(ev, x, y):
    ns = _numbers(x, y)
    if type(ns) is ExcelError:
        return ns
    a, b = ns  # type: ignore[misc]
    if b == 0.0:
        return ExcelError("#DIV/0!")
    result = sub(a, approx_floor(a / b) * b)  # as LibreOffice computes it
    if (b > 0 and 0 <= result < b) or (b < 0 and b < result <= 0):  # type: ignore[operator]
        return result
    return VALUE


def _rounder(mode: str):
    def impl(ev, x, digits):
        ns = _numbers(x, digits)
        if type(ns) is ExcelError:
            return ns
        return round_decimal(ns[0], ns[1], mode)  # type: ignore[index]

    return impl


register("ROUND", 2, 2, lift=True)(_rounder("half"))
register("ROUNDUP", 2, 2, lift=True)(_rounder("up"))
register("ROUNDDOWN", 2, 2, lift=True)(_rounder("down"))


# -- dates -------------------------------------------------------------------------------


def _ymd(serial: float) -> tuple[int, int, int] | ExcelError:
    """Year, month, day of a serial number (Excel's 1900-01-00 and 1900-02-29 included)."""
    if serial < 0 or serial >= _LAST_SERIAL + 1:
        return NUM
    n = math.floor(serial)
    if n == 0:
        return 1900, 1, 0
    if n == 60:
        return 1900, 2, 29
    d = serial_to_date(n)
    return d.year, d.month, d.day


def _serial(year: int, month0: int, day: int) -> float | ExcelError:
    """Serial of day `day` of month index `month0` (0-based, may overflow) of `year`."""
    year, month0 = year + month0 // 12, month0 % 12
    if not 1900 <= year <= 9999:
        return NUM
    first = date_to_serial(dt.date(year, month0 + 1, 1))
    serial = first + day - 1
    return serial if 0 <= serial <= _LAST_SERIAL else NUM


@register("DATE", 3, 3, lift=True)
def date_(ev, year, month, day):
    ns = _numbers(year, month, day)
    if type(ns) is ExcelError:
        return ns
    y, m, d = (int(approx_floor(v)) for v in ns)  # type: ignore[union-attr]
    if not 0 <= y < 10000:
        return NUM
    return _serial(y + 1900 if y < 1900 else y, m - 1, d)


def _date_part(index: int):
    def impl(ev, x):
        n = to_number(x)
        if type(n) is ExcelError:
            return n
        parts = _ymd(n)  # type: ignore[arg-type]
        return parts if type(parts) is ExcelError else float(parts[index])  # type: ignore[index]

    return impl


register("YEAR", 1, 1, lift=True)(_date_part(0))
register("MONTH", 1, 1, lift=True)(_date_part(1))
register("DAY", 1, 1, lift=True)(_date_part(2))


def _shift_months(start: object, months: object, end_of_month: bool) -> object:
    ns = _numbers(start, months)
    if type(ns) is ExcelError:
        return ns
    parts = _ymd(ns[0])  # type: ignore[index]
    if type(parts) is ExcelError:
        return parts
    y, m, d = parts  # type: ignore[misc]
    y, m0 = divmod(y * 12 + m - 1 + int(ns[1]), 12)  # type: ignore[index]
    if not 1900 <= y <= 9999:
        return NUM
    last = calendar.monthrange(y, m0 + 1)[1]
    return _serial(y, m0, last if end_of_month else min(d, last))


@register("EDATE", 2, 2, lift=True)
def edate(ev, start, months):
    return _shift_months(start, months, end_of_month=False)


@register("EOMONTH", 2, 2, lift=True)
def eomonth(ev, start, months):
    return _shift_months(start, months, end_of_month=True)


@register("TODAY", 0, 0)
def today(ev):
    return date_to_serial(ev.today)


# -- text --------------------------------------------------------------------------------

_SPACES = re.compile(" +")


@register("LEN", 1, 1, lift=True)
def len_(ev, x):
    text = to_text(x)
    return text if type(text) is ExcelError else float(len(text))  # type: ignore[arg-type]


@register("TRIM", 1, 1, lift=True)
def trim(ev, x):
    text = to_text(x)
    if type(text) is ExcelError:
        return text
    return _SPACES.sub(" ", text.strip(" "))  # type: ignore[union-attr]


@register("CONCATENATE", 1, 255, lift=True)
def concatenate(ev, *args):
    parts = []
    for a in args:
        text = to_text(a)
        if type(text) is ExcelError:
            return text
        parts.append(text)
    return "".join(parts)  # type: ignore[arg-type]


# -- lookup ------------------------------------------------------------------------------


def _position(x: object) -> int | ExcelError:
    n = to_number(x)
    return n if type(n) is ExcelError else int(n)  # type: ignore[arg-type]


@register("INDEX", 2, 3, "RV", returns_reference=True)
def index(ev, ref, row, col=_ABSENT):
    if type(ref) is ExcelError:
        return ref
    if type(ref) is not Range and type(ref) is not Array:
        ref = Array([[ref]], 1, 1)
    r = _position(row)
    c = 1 if col is _ABSENT else _position(col)
    if type(r) is ExcelError:
        return r
    if type(c) is ExcelError:
        return c
    if col is _ABSENT and ref.nrows == 1 and ref.ncols > 1:
        r, c = 1, r
    elif col is _ABSENT and ref.ncols > 1:
        c = 0
    if not (0 <= r <= ref.nrows and 0 <= c <= ref.ncols):  # type: ignore[operator]
        return REF
    if type(ref) is Range:
        r0, r1 = (ref.r0, ref.r1) if r == 0 else (ref.r0 + r - 1, ref.r0 + r - 1)
        c0, c1 = (ref.c0, ref.c1) if c == 0 else (ref.c0 + c - 1, ref.c0 + c - 1)
        return Range(ref.sheet, r0, c0, r1, c1)
    rows = ref.padded(ref.nrows)
    if r == 0 or c == 0:
        picked = rows if r == 0 else [rows[r - 1]]
        picked = [row if c == 0 else [row[c - 1]] for row in picked]
        return Array(picked, len(picked), len(picked[0]))
    return rows[r - 1][c - 1]


@register("MATCH", 2, 3, "VRV")
def match(ev, lookup, where, match_type=1.0):
    if type(lookup) is ExcelError:
        return lookup
    kind = to_number(match_type)
    if type(kind) is ExcelError:
        return kind
    if type(where) is not Range and type(where) is not Array:
        where = Array([[where]], 1, 1)
    if (where.nrows > 1 and where.ncols > 1) or lookup is None:
        return NA
    values = where.values(ev)
    if kind == 0:
        found = _match_exact(lookup, values)
    else:
        found = _match_sorted(lookup, values, 1 if kind > 0 else -1)  # type: ignore[operator]
    return NA if found is None else float(found + 1)


def _match_exact(lookup: object, values: list) -> int | None:
    if type(lookup) is str:
        for i, v in enumerate(values):
            if type(v) is str and matches_text(lookup, v):
                return i
        return None
    for i, v in enumerate(values):
        if type(v) is type(lookup) and compare(v, lookup) == 0:
            return i
    return None


def _match_sorted(lookup: object, values: list, direction: int) -> int | None:
    """Last position before the sort order passes `lookup` (values sorted ascending for
    direction 1, descending for -1), like Excel's search on sorted data."""
    found = None
    for i, v in enumerate(values):
        if type(v) is not type(lookup):
            continue
        c = compare(v, lookup) * direction
        if c > 0:
            break
        found = i
        if c == 0 and direction < 0:
            break
    return found
