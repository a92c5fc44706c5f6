"""Arithmetic expressions of the description (``"sales / opportunities"``).

One expression drives both the Excel formula the writer renders and the value Python
computes, so the two cannot drift apart. The guard rule is the same on both sides: the
result is empty when an operand is empty or a divisor is zero — never an error value.

Grammar: metric or column keys, ``n1.key`` (the N-1 value of a KPI metric), numbers,
``+ - * /``, parentheses, ``abs(x)`` and ``ceil(x)`` (rounded up to a whole number, away
from zero as Excel's ROUNDUP does: ``ceil(-2.5)`` is -3).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_FUNCS = {"abs": "ABS({})", "ceil": "ROUNDUP({},0)"}
_Operand = Callable[[Mapping[str, "float | None"]], float]  # a compiled (sub)expression


class ExprError(ValueError):
    """An expression of the description uses something outside the grammar."""


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _check(node: ast.expr) -> None:
    if _name(node) is not None or (
        isinstance(node, ast.Constant) and type(node.value) in (int, float)  # not bool
    ):
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check(node.operand)
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
          and node.func.id in _FUNCS and len(node.args) == 1 and not node.keywords):
        _check(node.args[0])
    else:
        raise ExprError(f"unsupported expression part: {ast.unparse(node)!r}")


def round_sig(value: float, digits: int = 15) -> float:
    """Round to 15 significant digits, as spreadsheets do before ROUNDUP."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


@dataclass(frozen=True)
class Expr:
    source: str
    tree: ast.expr

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Operand keys, left to right (``n1.revenue`` kept as written)."""
        return tuple(dict.fromkeys(_operands(self.tree)))

    def _divisors(self) -> list[ast.expr]:
        """Right operands of the divisions, outer ones first (a divisor's parts follow it)."""
        return [n.right for n in ast.walk(self.tree)
                if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)]

    def to_excel(self, ref: Callable[[str], str]) -> str:
        """The guarded Excel formula body (without ``=``); ``ref`` maps a key to a cell."""
        text = self._template
        for i, name in enumerate(self.names):
            text = text.replace(f"\x01{i}\x02", ref(name))
        return text

    @cached_property
    def _template(self) -> str:
        """The formula rendered once, with numbered placeholders where the cells go."""
        slots = {name: f"\x01{i}\x02" for i, name in enumerate(self.names)}
        return self._guarded(slots.__getitem__)

    def _guarded(self, ref: Callable[[str], str]) -> str:
        """The formula with its guards.

        Empty operands and plain-cell divisors are tested in one OR, which never errs.
        A computed divisor (``b - c``, ``b / c``, ``abs(b)``) would turn an empty ("")
        operand or an inner zero divisor into an error inside that OR, which spreadsheets
        propagate: it gets its own IF, inside the first one, innermost divisor first.
        """
        body = _render(self.tree, ref)
        divisors = self._divisors()
        for divisor in divisors:
            if _name(divisor) is None:
                body = f'IF({_render(divisor, ref)}=0,"",{body})'
        conds = [f'{ref(n)}=""' for n in self.names]
        plain = dict.fromkeys(_name(d) for d in divisors if _name(d) is not None)
        conds += [f"{ref(name)}=0" for name in plain]  # type: ignore[arg-type]
        if not conds:
            return body
        cond = conds[0] if len(conds) == 1 else f"OR({','.join(conds)})"
        return f'IF({cond},"",{body})'

    def evaluate(self, values: Mapping[str, float | None]) -> float | None:
        """The same computation in Python: None where the spreadsheet shows an empty cell."""
        if any(values.get(n) is None for n in self.names):
            return None
        try:
            return self._compute(values)
        except ZeroDivisionError:
            return None

    @cached_property
    def _compute(self) -> _Operand:
        """The tree turned once into nested closures (the importer evaluates an expression
        thousands of times per workbook: walking the tree each time costs several times more)."""
        return _compiled(self.tree)


def _operands(node: ast.expr) -> list[str]:
    name = _name(node)
    if name is not None:
        return [name]
    if isinstance(node, ast.BinOp):
        return _operands(node.left) + _operands(node.right)
    if isinstance(node, ast.UnaryOp):
        return _operands(node.operand)
    if isinstance(node, ast.Call):
        return _operands(node.args[0])
    return []


def _render(node: ast.expr, ref: Callable[[str], str]) -> str:
    name = _name(node)
    if name is not None:
        return ref(name)
    if isinstance(node, ast.Constant):
        return repr(node.value)
    if isinstance(node, ast.UnaryOp):
        operand = _render(node.operand, ref)
        return f"-({operand})" if isinstance(node.operand, ast.BinOp) else f"-{operand}"
    if isinstance(node, ast.Call):
        return _FUNCS[node.func.id].format(_render(node.args[0], ref))  # type: ignore[union-attr]
    assert isinstance(node, ast.BinOp)
    left, right = _render(node.left, ref), _render(node.right, ref)
    if isinstance(node.left, ast.BinOp) and _weaker(node.left.op, node.op):
        left = f"({left})"
    if isinstance(node.right, ast.BinOp) and not _stronger(node.right.op, node.op):
        right = f"({right})"
    return f"{left}{_OPS[type(node.op)]}{right}"


def _level(op: ast.operator) -> int:
    return 2 if isinstance(op, ast.Mult | ast.Div) else 1


def _weaker(inner: ast.operator, outer: ast.operator) -> bool:
    return _level(inner) < _level(outer)


def _stronger(inner: ast.operator, outer: ast.operator) -> bool:
    return _level(inner) > _level(outer)


def _compiled(node: ast.expr) -> _Operand:
    """A function computing ``node`` from the operands, as a spreadsheet does: every value a
    float, a zero divisor raising ZeroDivisionError, ceil() as ROUNDUP(x, 0)."""
    name = _name(node)
    if name is not None:
        return lambda values: float(values[name])  # type: ignore[arg-type]
    if isinstance(node, ast.Constant):
        constant = float(node.value)
        return lambda values: constant
    if isinstance(node, ast.UnaryOp):
        operand = _compiled(node.operand)
        return lambda values: -operand(values)
    if isinstance(node, ast.Call):
        arg = _compiled(node.args[0])
        if node.func.id == "abs":  # type: ignore[union-attr]
            return lambda values: abs(arg(values))
        return lambda values: _roundup(arg(values))
    assert isinstance(node, ast.BinOp)
    return _BINARY[type(node.op)](_compiled(node.left), _compiled(node.right))


def _roundup(value: float) -> float:
    return math.copysign(math.ceil(abs(round_sig(value))), value)  # ROUNDUP(x, 0)


# left then right, as written; float division by zero raises ZeroDivisionError by itself
_BINARY: dict[type, Callable[[_Operand, _Operand], _Operand]] = {
    ast.Add: lambda left, right: lambda values: left(values) + right(values),
    ast.Sub: lambda left, right: lambda values: left(values) - right(values),
    ast.Mult: lambda left, right: lambda values: left(values) * right(values),
    ast.Div: lambda left, right: lambda values: left(values) / right(values),
}


@cache
def parse_expr(source: str) -> Expr:
    """Parse and check an expression of the description."""
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError as exc:
        raise ExprError(f"cannot parse expression {source!r}: {exc.msg}") from exc
    _check(tree)
    return Expr(source, tree)
