"""Syntax tree -> Python closures.

Every node becomes a closure ``fn(ev, sheet, params)``: `ev` is the Evaluator, `sheet` the
sheet the formula sits on (for unqualified references) and `params` the (row, col) of the
formula's cell references (see parser.split_refs).  A node is compiled in one of three
modes:

    "V"  a single value is wanted: references are read (ranges implicitly intersected);
    "R"  references may stay references (arguments of SUM, COUNTIF, INDEX, ...);
    "A"  array context (arguments of SUMPRODUCT): ranges become arrays and operators and
         single-value functions apply element by element.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import aggregates, functions  # noqa: F401  (they register the functions)
from .operators import BINARY, UNARY, elementwise, is_blank_text
from .parser import _REF_SCAN, MAX_COLS, MAX_ROWS, column_index, parse, split_refs
from .reference import Array, Range, bounding, intersect, scalar
from .registry import FUNCTIONS, FunctionSpec
from .values import VALUE, ExcelError, to_bool, to_number

Fn = Callable[..., object]
_ARITY = {name: (spec.min_args, spec.max_args) for name, spec in FUNCTIONS.items()}
_SHAPES: dict[tuple[str, str], Fn] = {}
_TEXTS: dict[tuple[str, str], tuple[Fn, tuple]] = {}
_TEXT_CACHE_LIMIT = 500_000
_DIGITS = re.compile(r"([0-9]+)")  # split() alternates the text between digit runs and them
# Formulas that differ only by row numbers share a key: the text between digit runs, with the
# mode. The entry is (fn, plan): the plan says which runs must equal which constant text and
# which are the rows of the references (with their columns), see _row_plan.
_ROWS: dict[tuple[tuple[str, ...], str], tuple[Fn, tuple]] = {}


def _row_plan(text: str, params: tuple) -> tuple | None:
    """For the digit runs of ``text``: (the runs to check, as (index, text); the runs that
    are the reference rows, as (index, column) in the order of ``params``).

    References are found by the same scan as ``split_refs``, so digits in string literals,
    sheet names and numbers stay constants. None when the two scans disagree.
    """
    row_spans = {}
    for match in _REF_SCAN.finditer(text):
        if match.group(2) is None:
            continue
        col, row = column_index(match.group(2)), int(match.group(3)) - 1
        if col < MAX_COLS and 0 <= row < MAX_ROWS:
            row_spans[match.start(3)] = col
    if len(row_spans) != len(params):
        return None
    constants, rows = [], []
    for i, match in enumerate(_DIGITS.finditer(text)):
        col = row_spans.get(match.start())
        if col is None:
            constants.append((i, match.group()))
        else:
            rows.append((i, col))
    return tuple(constants), tuple(rows)


def _by_rows(text: str, mode: str) -> tuple[Fn, tuple] | None:
    """The compiled formula of a text already seen with other row numbers, if any."""
    parts = _DIGITS.split(text)
    entry = _ROWS.get((tuple(parts[::2]), mode))
    if entry is None:
        return None
    fn, (constants, rows) = entry
    runs = parts[1::2]
    for i, digits in constants:
        if runs[i] != digits:
            return None
    params = tuple([(int(runs[i]) - 1, col) for i, col in rows])
    if params and not 0 <= min(params)[0] <= max(params)[0] < MAX_ROWS:
        return None  # a row out of the sheet: not a reference (split_refs leaves it as text)
    return fn, params


def compile_formula(text: str, mode: str = "V") -> tuple[Fn, tuple]:
    """(closure, params) of a formula text; parsed once per shape, cached per text."""
    key = (text, mode)
    entry = _TEXTS.get(key)
    if entry is not None:
        return entry
    entry = _by_rows(text, mode)
    if entry is None:
        shape, params = split_refs(text)
        fn = _SHAPES.get((shape, mode))
        if fn is None:
            fn = compile_node(parse(shape, _ARITY), mode)
            _SHAPES[(shape, mode)] = fn
        plan = _row_plan(text, params)
        if plan is not None and len(_ROWS) < _TEXT_CACHE_LIMIT:
            _ROWS[(tuple(_DIGITS.split(text)[::2]), mode)] = (fn, plan)
        entry = (fn, params)
    if len(_TEXTS) >= _TEXT_CACHE_LIMIT:
        _TEXTS.clear()
    _TEXTS[key] = entry
    return entry


def compile_node(node: tuple, mode: str) -> Fn:
    kind = node[0]
    if kind in ("num", "str", "bool", "err"):
        return _constant(node[1])
    if kind == "missing":
        return _constant(None)
    if kind == "cell":
        return _cell(node[1], node[2], mode)
    if kind in ("area", "cols", "rows", "range", "name"):
        return _in_mode(_REFERENCES[kind](node), mode)
    if kind == "func":
        return _call(node[1], node[2], mode)
    if kind == "bin":
        return _binary(node[1], node[2], node[3], mode)
    return _unary(UNARY[kind], compile_node(node[1], "A" if mode == "A" else "V"), mode)


def _constant(value: object) -> Fn:
    def const(ev, sh, p):
        return value

    return const


def _in_mode(fn: Fn, mode: str) -> Fn:
    """Adapt a closure that may return a Range to what `mode` wants."""
    if mode == "R":
        return fn
    if mode == "V":

        def single(ev, sh, p):
            v = fn(ev, sh, p)
            return intersect(ev, v) if type(v) is Range else v

        return single

    def array(ev, sh, p):
        v = fn(ev, sh, p)
        return v.to_array(ev) if type(v) is Range else v

    return array


def _cell(sheet: str | None, i: int, mode: str) -> Fn:
    if mode == "R":

        def reference(ev, sh, p):
            r, c = p[i]
            return Range(sheet or sh, r, c, r, c)

        return reference
    if sheet is None:

        def local(ev, sh, p):
            r, c = p[i]
            return ev.get(sh, r, c)

        return local

    def qualified(ev, sh, p):
        r, c = p[i]
        return ev.get(sheet, r, c)

    return qualified


def _area(node: tuple) -> Fn:
    _, sheet, i, j = node

    def area(ev, sh, p):
        (ra, ca), (rb, cb) = p[i], p[j]
        return Range(sheet or sh, min(ra, rb), min(ca, cb), max(ra, rb), max(ca, cb))

    return area


def _columns(node: tuple) -> Fn:
    _, sheet, c0, c1 = node
    return lambda ev, sh, p: Range(sheet or sh, 0, c0, MAX_ROWS - 1, c1)


def _rows(node: tuple) -> Fn:
    _, sheet, r0, r1 = node
    return lambda ev, sh, p: Range(sheet or sh, r0, 0, r1, MAX_COLS - 1)


def _dynamic_range(node: tuple) -> Fn:
    left, right = compile_node(node[1], "R"), compile_node(node[2], "R")
    return lambda ev, sh, p: bounding(left(ev, sh, p), right(ev, sh, p))


def _name(node: tuple) -> Fn:
    key = node[1].casefold()
    return lambda ev, sh, p: ev.name_value(key, sh)


_REFERENCES = {
    "area": _area,
    "cols": _columns,
    "rows": _rows,
    "range": _dynamic_range,
    "name": _name,
}


def _binary(op: str, left: tuple, right: tuple, mode: str) -> Fn:
    operand_mode = "A" if mode == "A" else "V"
    fa = compile_node(left, operand_mode)
    if op == "=" and right == ("str", "") and mode != "A":
        return lambda ev, sh, p: is_blank_text(fa(ev, sh, p))
    fb = compile_node(right, operand_mode)
    fn = BINARY[op]
    if mode != "A":
        return lambda ev, sh, p: fn(fa(ev, sh, p), fb(ev, sh, p))

    def array_op(ev, sh, p):
        a, b = fa(ev, sh, p), fb(ev, sh, p)
        if type(a) is Array or type(b) is Array:
            return elementwise(fn, [a, b])
        return fn(a, b)

    return array_op


def _unary(fn: Callable[[object], object], fa: Fn, mode: str) -> Fn:
    if mode != "A":
        return lambda ev, sh, p: fn(fa(ev, sh, p))

    def array_op(ev, sh, p):
        a = fa(ev, sh, p)
        return elementwise(fn, [a]) if type(a) is Array else fn(a)

    return array_op


# -- function calls ----------------------------------------------------------------------


def _call(name: str, args: list[tuple], mode: str) -> Fn:
    spec = FUNCTIONS[name]
    special = _SPECIAL.get(name)
    if special is not None:
        return special(args, mode)
    lift = mode == "A" and spec.lift
    fns = [compile_node(a, "A" if lift else spec.arg_mode(i)) for i, a in enumerate(args)]
    fn = _lifted(spec, fns) if lift else _eager(spec, fns)
    return _in_mode(fn, mode) if spec.returns_reference else fn


def _eager(spec: FunctionSpec, fns: list[Fn]) -> Fn:
    impl = spec.impl
    if len(fns) == 0:
        return lambda ev, sh, p: impl(ev)
    if len(fns) == 1:
        (f0,) = fns
        return lambda ev, sh, p: impl(ev, f0(ev, sh, p))
    if len(fns) == 2:
        f0, f1 = fns
        return lambda ev, sh, p: impl(ev, f0(ev, sh, p), f1(ev, sh, p))
    return lambda ev, sh, p: impl(ev, *[f(ev, sh, p) for f in fns])


def _lifted(spec: FunctionSpec, fns: list[Fn]) -> Fn:
    impl = spec.impl

    def lifted(ev, sh, p):
        values = [f(ev, sh, p) for f in fns]
        if any(type(v) is Array for v in values):
            return elementwise(lambda *xs: impl(ev, *xs), values)
        return impl(ev, *values)

    return lifted


def _branch(node: tuple, mode: str) -> Fn:
    return _constant(0.0) if node == ("missing",) else compile_node(node, mode)


def _if(args: list[tuple], mode: str) -> Fn:
    fc = compile_node(args[0], "A" if mode == "A" else "V")
    ft = _branch(args[1], mode)
    ff = _branch(args[2], mode) if len(args) > 2 else _constant(False)

    def if_(ev, sh, p):
        c = fc(ev, sh, p)
        if c is True:
            return ft(ev, sh, p)
        if c is False:
            return ff(ev, sh, p)
        if type(c) is Array:
            return elementwise(_select, [c, ft(ev, sh, p), ff(ev, sh, p)])
        c = to_bool(c)
        if type(c) is ExcelError:
            return c
        return ft(ev, sh, p) if c else ff(ev, sh, p)

    return if_


def _select(cond: object, yes: object, no: object) -> object:
    c = to_bool(cond)
    if type(c) is ExcelError:
        return c
    return yes if c else no


def _iferror(args: list[tuple], mode: str) -> Fn:
    fv, fa = _branch(args[0], mode), _branch(args[1], mode)

    def iferror(ev, sh, p):
        v = fv(ev, sh, p)
        if type(v) is ExcelError:
            return fa(ev, sh, p)
        if type(v) is Array:
            return elementwise(_replace_error, [v, fa(ev, sh, p)])
        return v

    return iferror


def _replace_error(v: object, alternative: object) -> object:
    return alternative if type(v) is ExcelError else v


def _choose(args: list[tuple], mode: str) -> Fn:
    fi = compile_node(args[0], "V")
    choices = [_branch(a, mode) for a in args[1:]]

    def choose(ev, sh, p):
        n = to_number(fi(ev, sh, p))
        if type(n) is ExcelError:
            return n
        k = int(n)  # type: ignore[arg-type]
        if not 1 <= k <= len(choices):
            return VALUE
        return choices[k - 1](ev, sh, p)

    return choose


_SPECIAL: dict[str, Callable[[list[tuple], str], Fn]] = {
    "IF": _if,
    "IFERROR": _iferror,
    "CHOOSE": _choose,
}


def evaluate_compiled(ev, fn: Fn, sheet: str, params: tuple) -> object:
    """Run a compiled formula and turn its result into a cell value."""
    v = scalar(ev, fn(ev, sheet, params))
    if v is None:
        return 0.0
    if type(v) is int:
        return float(v)
    return v
