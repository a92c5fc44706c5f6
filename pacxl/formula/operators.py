"""Excel operators on single values, and element-wise application over arrays."""

from __future__ import annotations

import math
from collections.abc import Callable

from .reference import Array
from .values import (
    DIV0,
    NA,
    NUM,
    ExcelError,
    approx_equal,
    compare,
    to_number,
    to_text,
)

_EPS48 = 2.0**-48


def _numbers(a: object, b: object) -> tuple[float, float] | ExcelError:
    if type(a) is not float:
        a = to_number(a)
        if type(a) is ExcelError:
            return a
    if type(b) is not float:
        b = to_number(b)
        if type(b) is ExcelError:
            return b
    return a, b  # type: ignore[return-value]


def add(a: object, b: object) -> object:
    ab = _numbers(a, b)
    if type(ab) is ExcelError:
        return ab
    x, y = ab  # type: ignore[misc]
    s = x + y
    if ((x < 0.0 < y) or (y < 0.0 < x)) and abs(s) < max(abs(x), abs(y)) * _EPS48:
        return 0.0  # LibreOffice's approxAdd: cancellation noise is 0
    return s if math.isfinite(s) else NUM


def sub(a: object, b: object) -> object:
    ab = _numbers(a, b)
    if type(ab) is ExcelError:
        return ab
    x, y = ab  # type: ignore[misc]
    if ((x < 0.0 and y < 0.0) or (x > 0.0 and y > 0.0)) and approx_equal(x, y):
        return 0.0  # LibreOffice's approxSub
    s = x - y
    return s if math.isfinite(s) else NUM


def mul(a: object, b: object) -> object:
    ab = _numbers(a, b)
    if type(ab) is ExcelError:
        return ab
    s = ab[0] * ab[1]  # type: ignore[index]
    return s if math.isfinite(s) else NUM


def div(a: object, b: object) -> object:
    ab = _numbers(a, b)
    if type(ab) is ExcelError:
        return ab
    x, y = ab  # type: ignore[misc]
    if y == 0.0:
        return DIV0
    s = x / y
    return s if math.isfinite(s) else NUM


def power(a: object, b: object) -> object:
    ab = _numbers(a, b)
    if type(ab) is ExcelError:
        return ab
    x, y = ab  # type: ignore[misc]
    if x == 0.0 and y <= 0.0:
        return NUM if y == 0.0 else DIV0
    if x < 0.0 and y != math.floor(y):
        return NUM
    try:
        s = x**y
    except OverflowError:
        return NUM
    return s if math.isfinite(s) else NUM


def concat(a: object, b: object) -> object:
    ta = to_text(a)
    if type(ta) is ExcelError:
        return ta
    tb = to_text(b)
    if type(tb) is ExcelError:
        return tb
    return ta + tb  # type: ignore[operator]


def negate(a: object) -> object:
    n = to_number(a)
    if type(n) is ExcelError:
        return n
    return -n if n else 0.0  # type: ignore[operator]


def identity(a: object) -> object:
    return a


def percent(a: object) -> object:
    n = to_number(a)
    return n if type(n) is ExcelError else n / 100.0  # type: ignore[operator]


def _comparison(test: Callable[[int], bool]) -> Callable[[object, object], object]:
    def op(a: object, b: object) -> object:
        if type(a) is ExcelError:
            return a
        if type(b) is ExcelError:
            return b
        return test(compare(a, b))

    return op


BINARY: dict[str, Callable[[object, object], object]] = {
    "+": add,
    "-": sub,
    "*": mul,
    "/": div,
    "^": power,
    "&": concat,
    "=": _comparison(lambda c: c == 0),
    "<>": _comparison(lambda c: c != 0),
    "<": _comparison(lambda c: c < 0),
    ">": _comparison(lambda c: c > 0),
    "<=": _comparison(lambda c: c <= 0),
    ">=": _comparison(lambda c: c >= 0),
}
UNARY: dict[str, Callable[[object], object]] = {"neg": negate, "pos": identity, "pct": percent}


def is_blank_text(v: object) -> object:
    """The value of ``v=""`` (an empty cell and the empty text are equal)."""
    if v is None:
        return True
    if type(v) is str:
        return v == ""
    return v if type(v) is ExcelError else False


def elementwise(fn: Callable[..., object], args: list) -> Array:
    """fn applied element by element over arrays and single values (Excel broadcasting: a
    one-row or one-column array is repeated; past a shorter array's edge the result is #N/A)."""
    arrays = [a for a in args if type(a) is Array]
    nrows = max(a.nrows for a in arrays)
    ncols = max(a.ncols for a in arrays)
    stored = max((len(a.rows) for a in arrays if a.nrows > 1), default=min(nrows, 1))
    grids = [a.padded(stored) if type(a) is Array and a.nrows > 1 else a for a in args]
    rows = []
    for i in range(stored):
        row = []
        for j in range(ncols):
            values = []
            for g, a in zip(grids, args, strict=True):
                values.append(_element(g, a, i, j))
            bad = next((v for v in values if v is _OUTSIDE), None)
            row.append(NA if bad is _OUTSIDE else fn(*values))
        rows.append(row)
    return Array(rows, nrows, ncols)


_OUTSIDE = object()


def _element(grid: object, arg: object, i: int, j: int) -> object:
    if type(arg) is not Array:
        return arg
    if arg.nrows == 1:
        row = arg.rows[0] if arg.rows else [None] * arg.ncols
    elif i >= arg.nrows:
        return _OUTSIDE
    else:
        row = grid[i]  # type: ignore[index]
    if arg.ncols == 1:
        return row[0]
    return row[j] if j < arg.ncols else _OUTSIDE
