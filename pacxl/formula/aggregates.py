"""Functions over ranges: SUM, COUNT..., AVERAGE, MIN, MAX, SUMPRODUCT, SUMIF(S), COUNTIF(S).

Excel's rule: inside a range (or array) only numbers count and text, booleans and empty
cells are skipped; a value given directly as an argument is converted (TRUE is 1, "3" is 3,
"abc" is #VALUE!).  Errors propagate, except through COUNT and COUNTA.
"""

from __future__ import annotations

import math

from .criteria import predicate
from .reference import Array, Range
from .registry import register
from .values import DIV0, VALUE, ExcelError, to_number


def _is_area(a: object) -> bool:
    return type(a) is Range or type(a) is Array


def _numbers(ev, args: tuple) -> list[float] | ExcelError:
    out: list[float] = []
    for a in args:
        if _is_area(a):
            for v in a.values(ev):  # type: ignore[union-attr]
                t = type(v)
                if t is float:
                    out.append(v)
                elif t is ExcelError:
                    return v
        else:
            n = to_number(a)
            if type(n) is ExcelError:
                return n
            out.append(n)  # type: ignore[arg-type]
    return out


@register("SUM", 1, 255, "R")
def sum_(ev, *args):
    ns = _numbers(ev, args)
    return ns if type(ns) is ExcelError else math.fsum(ns)  # type: ignore[arg-type]


@register("AVERAGE", 1, 255, "R")
def average(ev, *args):
    ns = _numbers(ev, args)
    if type(ns) is ExcelError:
        return ns
    return math.fsum(ns) / len(ns) if ns else DIV0  # type: ignore[arg-type]


@register("MIN", 1, 255, "R")
def min_(ev, *args):
    ns = _numbers(ev, args)
    return ns if type(ns) is ExcelError else min(ns, default=0.0)  # type: ignore[type-var]


@register("MAX", 1, 255, "R")
def max_(ev, *args):
    ns = _numbers(ev, args)
    return ns if type(ns) is ExcelError else max(ns, default=0.0)  # type: ignore[type-var]


@register("COUNT", 1, 255, "R")
def count(ev, *args):
    n = 0
    for a in args:
        if _is_area(a):
            n += sum(1 for v in a.values(ev) if type(v) is float)  # type: ignore[union-attr]
        elif a is not None and type(to_number(a)) is float:
            n += 1
    return float(n)


@register("COUNTA", 1, 255, "R")
def counta(ev, *args):
    n = 0
    for a in args:
        if _is_area(a):
            n += sum(1 for v in a.values(ev) if v is not None)  # type: ignore[union-attr]
        else:
            n += 1
    return float(n)


@register("COUNTBLANK", 1, 1, "R")
def countblank(ev, rng):
    if type(rng) is not Range:
        return VALUE
    stored = rng.rows(ev)
    blank = sum(1 for row in stored for v in row if v is None or v == "")
    return float(blank + (rng.nrows - len(stored)) * rng.ncols)


@register("SUMPRODUCT", 1, 255, "A")
def sumproduct(ev, *args):
    arrays = [a if type(a) is Array else Array([[a]], 1, 1) for a in args]
    shape = (arrays[0].nrows, arrays[0].ncols)
    if any((a.nrows, a.ncols) != shape for a in arrays):
        return VALUE
    stored = max(len(a.rows) for a in arrays)
    grids = [a.padded(stored) for a in arrays]
    total = []
    for i in range(stored):
        for j in range(shape[1]):
            product = 1.0
            for g in grids:
                v = g[i][j]
                if type(v) is ExcelError:
                    return v
                product *= v if type(v) is float else 0.0
            total.append(product)
    return math.fsum(total)


# -- conditional aggregates --------------------------------------------------------------


def _conditions(ev, pairs: tuple, shape: tuple[int, int] | None) -> tuple | ExcelError:
    """(ranges, predicates, shape) of criteria_range/criterion pairs, all one shape."""
    ranges, tests = [], []
    for rng, criterion in zip(pairs[::2], pairs[1::2], strict=True):
        if type(rng) is not Range:
            return VALUE
        shape = shape or (rng.nrows, rng.ncols)
        if (rng.nrows, rng.ncols) != shape:
            return VALUE
        test = predicate(criterion)
        if type(test) is ExcelError:
            return test
        ranges.append(rng)
        tests.append(test)
    return ranges, tests, shape


def _matching_cells(ev, ranges: list[Range], tests: list, extra: list[Range]):
    """Stored row count, and the row-major indexes of the cells satisfying every test."""
    stored = max(r.used_rows(ev) for r in ranges + extra)
    hits: list[int] | range = range(stored * ranges[0].ncols)
    for rng, test in zip(ranges, tests, strict=True):
        values = rng.flat(ev, stored)
        hits = [k for k in hits if test(values[k])]
    return stored, hits


def _sum_matches(ev, total: Range, ranges: list[Range], tests: list) -> object:
    stored, hits = _matching_cells(ev, ranges, tests, [total])
    values = total.flat(ev, stored)
    out = []
    for k in hits:
        v = values[k]
        if type(v) is float:
            out.append(v)
        elif type(v) is ExcelError:
            return v
    return math.fsum(out)


def _count_matches(ev, ranges: list[Range], tests: list) -> float:
    stored, hits = _matching_cells(ev, ranges, tests, [])
    tail = ranges[0].nrows - stored
    if tail > 0 and all(t(None) for t in tests):
        return float(len(hits) + tail * ranges[0].ncols)
    return float(len(hits))


@register("SUMIF", 2, 3, "RVR")
def sumif(ev, rng, criterion, total=None):
    cond = _conditions(ev, (rng, criterion), None)
    if type(cond) is ExcelError:
        return cond
    ranges, tests, _ = cond  # type: ignore[misc]
    if total is None:
        total = rng
    if type(total) is not Range:
        return VALUE
    resized = Range(total.sheet, total.r0, total.c0, total.r0 + rng.nrows - 1,
                    total.c0 + rng.ncols - 1)  # fmt: skip
    return _sum_matches(ev, resized, ranges, tests)


@register("SUMIFS", 3, 255, "R*RV")
def sumifs(ev, total, *pairs):
    if len(pairs) % 2 or type(total) is not Range:
        return VALUE
    cond = _conditions(ev, pairs, (total.nrows, total.ncols))
    if type(cond) is ExcelError:
        return cond
    ranges, tests, _ = cond  # type: ignore[misc]
    return _sum_matches(ev, total, ranges, tests)


@register("COUNTIF", 2, 2, "RV")
def countif(ev, rng, criterion):
    cond = _conditions(ev, (rng, criterion), None)
    if type(cond) is ExcelError:
        return cond
    return _count_matches(ev, cond[0], cond[1])  # type: ignore[index]


@register("COUNTIFS", 2, 254, "*RV")
def countifs(ev, *pairs):
    if len(pairs) % 2:
        return VALUE
    cond = _conditions(ev, pairs, None)
    if type(cond) is ExcelError:
        return cond
    return _count_matches(ev, cond[0], cond[1])  # type: ignore[index]
