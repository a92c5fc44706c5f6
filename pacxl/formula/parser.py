"""Formula text -> syntax tree.

Cell references are first lifted out of the text (:func:`split_refs`): ``=L5-K5`` becomes
the *shape* ``=\\x00-\\x00`` plus the parameters ``((4, 11), (4, 10))``.  Formulas that
differ only in their cell references (the same formula copied down a column) share one
shape, which is parsed and compiled once.

The tree is made of tuples:

    ("num", float) ("str", str) ("bool", bool) ("err", ExcelError) ("missing",)
    ("cell", sheet|None, i)            i-th cell parameter
    ("area", sheet|None, i, j)         rectangle between cell parameters i and j
    ("cols", sheet|None, c0, c1)       whole columns; ("rows", sheet|None, r0, r1)
    ("range", left, right)             ":" between computed references (INDEX, names)
    ("name", name) ("func", NAME, [args]) ("neg", x) ("pct", x) ("bin", op, a, b)
"""

from __future__ import annotations

import re

from .values import ERRORS, FormulaError

CELL = "\x00"
MAX_ROWS = 1_048_576
MAX_COLS = 16_384

_REF_SCAN = re.compile(
    r"""("[^"]*"|'[^']*')"""  # literals, left alone ("a""b" is read as "a" then "b")
    r"|(?<![\w.$\\])\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?![\w.(!\\])"
)
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
    |(?P<cell>\x00)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<qsheet>'(?:[^']|'')*'!)
    |(?P<err>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
    |(?P<cols>\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w(.]))
    |(?P<rows>\$?[0-9]+:\$?[0-9]+(?![\w(.]))
    |(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    |(?P<sheet>[^\W\d][\w.]*!)
    |(?P<ident>[^\W\d][\w.]*)
    |(?P<op><>|<=|>=|[-+*/^&%=<>(),:])""",
    re.VERBOSE,
)
_R1C1 = re.compile(r"[Rr][0-9]*[Cc][0-9]*\Z|[RrCc]\Z")
_FUNCTION_CALL = re.compile(r""""(?:[^"]|"")*"|'(?:[^']|'')*'|([^\W\d][\w.]*)\s*\(""")

BINARY_PRECEDENCE = {
    "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1,
    "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5,
}  # fmt: skip
_PERCENT, _UNARY, _RANGE = 6, 7, 8
REFERENCE_KINDS = {"cell", "area", "cols", "rows", "range", "name"}


def column_index(letters: str) -> int:
    """0-based column index of column letters ("A" -> 0, "AA" -> 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def split_refs(formula: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The formula's shape (cell references replaced by CELL) and the 0-based (row, col) of
    each reference in order."""
    params: list[tuple[int, int]] = []

    def lift(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        col, row = column_index(m.group(2)), int(m.group(3)) - 1
        if col >= MAX_COLS or not 0 <= row < MAX_ROWS:
            return m.group(0)  # not a cell (e.g. a defined name such as ZZZ1)
        params.append((row, col))
        return CELL

    return _REF_SCAN.sub(lift, formula), tuple(params)


def functions_used(formula: str) -> set[str]:
    """Upper-case names of the functions a formula calls ("_xlfn." prefixes removed)."""
    names = set()
    for m in _FUNCTION_CALL.finditer(formula):
        if m.group(1):
            name = m.group(1).upper()
            names.add(name.removeprefix("_XLFN.").removeprefix("_XLWS."))
    return names


def _sheet_name(token: str) -> str:
    token = token[:-1]  # the "!"
    if token.startswith("'"):
        return token[1:-1].replace("''", "'")
    return token


def tokenize(shape: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of a formula shape, whitespace dropped."""
    tokens = []
    pos, end = 0, len(shape)
    while pos < end:
        m = _TOKEN.match(shape, pos)
        if m is None:
            raise FormulaError(f"unsupported syntax at {shape[pos : pos + 10]!r} in {shape!r}")
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append((kind, m.group(0)))
        pos = m.end()
    tokens.append(("end", ""))
    return tokens


class Parser:
    """Precedence-climbing parser over the tokens of one formula shape."""

    def __init__(self, shape: str, arity: dict[str, tuple[int, int]]) -> None:
        self.tokens = tokenize(shape)
        self.pos = 0
        self.cells = 0
        self.arity = arity

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, text: str) -> None:
        kind, tok = self.take()
        if tok != text or kind != "op":
            raise FormulaError(f"expected {text!r}, found {tok!r}")

    def parse(self) -> tuple:
        node = self.expression(0)
        if self.peek()[0] != "end":
            raise FormulaError(f"unexpected {self.peek()[1]!r}")
        return node

    def expression(self, min_prec: int) -> tuple:
        left = self.prefix()
        while True:
            kind, tok = self.peek()
            if kind != "op":
                return left
            if tok == ":" and min_prec <= _RANGE:
                self.take()
                left = _range_node(left, self.prefix())
            elif tok == "%" and min_prec <= _PERCENT:
                self.take()
                left = ("pct", left)
            elif tok in BINARY_PRECEDENCE and BINARY_PRECEDENCE[tok] >= min_prec:
                self.take()
                left = ("bin", tok, left, self.expression(BINARY_PRECEDENCE[tok] + 1))
            else:
                return left

    def prefix(self) -> tuple:
        kind, tok = self.take()
        if kind == "op":
            if tok in "-+":
                operand = self.expression(_UNARY)
                return ("neg", operand) if tok == "-" else ("pos", operand)
            if tok == "(":
                node = self.expression(0)
                self.expect(")")
                return node
            raise FormulaError(f"unexpected {tok!r}")
        if kind == "num":
            return ("num", float(tok))
        if kind == "str":
            return ("str", tok[1:-1].replace('""', '"'))
        if kind == "err":
            return ("err", ERRORS[tok])
        if kind in ("sheet", "qsheet"):
            return self.reference(_sheet_name(tok), *self.take())
        if kind == "ident":
            return self.identifier(tok)
        if kind in ("cell", "cols", "rows"):
            return self.reference(None, kind, tok)
        raise FormulaError("unexpected end of formula")

    def reference(self, sheet: str | None, kind: str, tok: str) -> tuple:
        if kind == "cell":
            self.cells += 1
            return ("cell", sheet, self.cells - 1)
        if kind == "err" and tok == "#REF!":
            return ("err", ERRORS[tok])
        if kind == "cols":
            a, b = (column_index(p.strip("$")) for p in tok.split(":"))
            return ("cols", sheet, min(a, b), max(a, b))
        if kind == "rows":
            a, b = (int(p.strip("$")) - 1 for p in tok.split(":"))
            return ("rows", sheet, min(a, b), max(a, b))
        raise FormulaError(f"a sheet name must be followed by a reference, not {tok!r}")

    def identifier(self, name: str) -> tuple:
        if self.peek()[1] == "(":
            self.take()
            return self.call(name.upper())
        upper = name.upper()
        if upper in ("TRUE", "FALSE"):
            return ("bool", upper == "TRUE")
        if _R1C1.match(name):
            raise FormulaError(f"R1C1 references are not supported: {name!r}")
        return ("name", name)

    def call(self, name: str) -> tuple:
        if name not in self.arity:
            raise FormulaError(f"unsupported function {name}")
        args: list[tuple] = []
        if self.peek()[1] == ")":
            self.take()
        else:
            while True:
                if self.peek()[1] in (",", ")"):
                    args.append(("missing",))
                else:
                    args.append(self.expression(0))
                _, tok = self.take()
                if tok == ")":
                    break
                if tok != ",":
                    raise FormulaError(f"expected ',' or ')' in {name}(), found {tok!r}")
        low, high = self.arity[name]
        if not low <= len(args) <= high:
            raise FormulaError(f"{name} takes {low} to {high} arguments, not {len(args)}")
        return ("func", name, args)


def _range_node(left: tuple, right: tuple) -> tuple:
    if left[0] == "cell" and right[0] == "cell" and right[1] in (None, left[1]):
        return ("area", left[1], left[2], right[2])
    for side in (left, right):
        if side[0] not in REFERENCE_KINDS and side[:2] not in (("func", "INDEX"),):
            raise FormulaError("':' needs references on both sides")
    return ("range", left, right)


def parse(shape: str, arity: dict[str, tuple[int, int]]) -> tuple:
    """Syntax tree of a formula shape (with or without the leading "=")."""
    return Parser(shape.removeprefix("="), arity).parse()
