"""Criteria of SUMIF(S)/COUNTIF(S) ("x", ">0", "<>", "a*") and wildcard text matching."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .values import ExcelError, approx_equal, compare, text_to_number

Predicate = Callable[[object], bool]
_OPERATORS = ("<=", ">=", "<>", "=", "<", ">")
_ORDER_TESTS: dict[str, Callable[[int], bool]] = {
    "<": lambda c: c < 0,
    ">": lambda c: c > 0,
    "<=": lambda c: c <= 0,
    ">=": lambda c: c >= 0,
}


@lru_cache(maxsize=4096)
def _wildcard_pattern(text: str) -> re.Pattern[str] | None:
    """Regex for a text with * ? wildcards (~ escapes them), None if it has none."""
    if not any(ch in text for ch in "*?"):
        return None
    parts, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "~" and i + 1 < len(text) and text[i + 1] in "*?~":
            parts.append(re.escape(text[i + 1]))
            i += 2
            continue
        parts.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def matches_text(pattern: str, text: str) -> bool:
    """Case-insensitive equality of `text` with `pattern`, honouring wildcards."""
    rx = _wildcard_pattern(pattern)
    if rx is None:
        return pattern.casefold() == text.casefold()
    return rx.fullmatch(text) is not None


def predicate(criterion: object) -> Predicate | ExcelError:
    """The test a criterion applies to each cell value (an error criterion is returned)."""
    if type(criterion) is ExcelError:
        return criterion
    return _predicate(type(criterion), criterion)


@lru_cache(maxsize=4096)
def _predicate(kind: type, criterion: object) -> Predicate:
    if criterion is None:
        return _equal_number(0.0)
    if kind is float or kind is int:
        return _equal_number(float(criterion))  # type: ignore[arg-type]
    if kind is bool:
        return lambda v: v is criterion
    text = str(criterion)
    op = next((o for o in _OPERATORS if text.startswith(o)), "")
    return _text_predicate(op, text[len(op) :])


def _equal_number(x: float) -> Predicate:
    """Equal to the number x; numeric-looking text cells count too (Excel's coercion)."""

    def equal(v: object) -> bool:
        if type(v) is float:
            return v == x or approx_equal(v, x)  # type: ignore[arg-type]
        if type(v) is str:
            v = text_to_number(v)  # type: ignore[arg-type]
            return type(v) is float and approx_equal(v, x)  # type: ignore[arg-type]
        return False

    return equal


def _number_order(op: str, x: float) -> Predicate:
    """A number cell compared with x (text, booleans and empty cells never match)."""
    if op == ">":
        return lambda v: type(v) is float and v > x and not approx_equal(v, x)
    if op == "<":
        return lambda v: type(v) is float and v < x and not approx_equal(v, x)
    if op == ">=":
        return lambda v: type(v) is float and (v >= x or approx_equal(v, x))
    return lambda v: type(v) is float and (v <= x or approx_equal(v, x))


def _text_predicate(op: str, operand: str) -> Predicate:
    if operand == "":
        return _empty_operand(op)
    number = text_to_number(operand)
    upper = operand.upper()
    if type(number) is float:
        equal, target = _equal_number(number), number
    elif upper in ("TRUE", "FALSE"):
        target = upper == "TRUE"
        equal = lambda v: v is target  # noqa: E731
    else:
        target = operand
        equal = lambda v: type(v) is str and matches_text(operand, v)  # noqa: E731
    if op in ("", "="):
        return equal
    if op == "<>":
        return lambda v: not equal(v)
    if type(target) is float:
        return _number_order(op, target)
    test, kind = _ORDER_TESTS[op], type(target)
    return lambda v: type(v) is kind and test(compare(v, target))


def _empty_operand(op: str) -> Predicate:
    if op == "":
        return lambda v: v is None or v == ""
    if op == "=":
        return lambda v: v is None
    if op == "<>":
        return lambda v: v is not None
    return lambda v: False
