"""Expressions of the description (pacxl/spec/expr.py): Excel rendering, guards, Python value."""

from __future__ import annotations

import itertools
import math

import pytest

from pacxl.formula import Evaluator, ExcelError
from pacxl.layout import col_letter
from pacxl.spec import load_spec
from pacxl.spec.expr import ExprError, parse_expr, round_sig


def upper(key: str) -> str:
    return key.upper().replace(".", "_")


@pytest.mark.parametrize(
    ("source", "excel"),
    [
        (
            "sales / opportunities",
            'IF(OR(SALES="",OPPORTUNITIES="",OPPORTUNITIES=0),"",SALES/OPPORTUNITIES)',
        ),
        ("spent - budget", 'IF(OR(SPENT="",BUDGET=""),"",SPENT-BUDGET)'),
        ("a + 2", 'IF(A="","",A+2)'),
        ("2.5 * a", 'IF(A="","",2.5*A)'),
        ("a / b / c", 'IF(OR(A="",B="",C="",C=0,B=0),"",A/B/C)'),
        ("a / b / b", 'IF(OR(A="",B="",B=0),"",A/B/B)'),
        (
            "(revenue - budget) / budget",
            'IF(OR(REVENUE="",BUDGET="",BUDGET=0),"",(REVENUE-BUDGET)/BUDGET)',
        ),
    ],
)
def test_render_guards_empty_operands_and_zero_divisors(source: str, excel: str) -> None:
    assert parse_expr(source).to_excel(upper) == excel


@pytest.mark.parametrize(
    ("source", "excel"),
    [
        # a computed divisor is tested after the empty operands, in its own IF
        ("a / (b - c)", 'IF(OR(A="",B="",C=""),"",IF(B-C=0,"",A/(B-C)))'),
        (
            "(result - target) / abs(target)",
            'IF(OR(RESULT="",TARGET=""),"",IF(ABS(TARGET)=0,"",(RESULT-TARGET)/ABS(TARGET)))',
        ),
        # an inner zero divisor is tested before the divisor that contains it
        ("a / (b / c)", 'IF(OR(A="",B="",C="",C=0),"",IF(B/C=0,"",A/(B/C)))'),
        (
            "a / ((b - c) / (d - e))",
            'IF(OR(A="",B="",C="",D="",E=""),"",IF(D-E=0,"",IF((B-C)/(D-E)=0,"",A/((B-C)/(D-E)))))',
        ),
    ],
)
def test_render_guards_compound_divisors(source: str, excel: str) -> None:
    assert parse_expr(source).to_excel(upper) == excel


@pytest.mark.parametrize(
    ("source", "body"),
    [
        ("a - (b - c)", "A-(B-C)"),
        ("a - b - c", "A-B-C"),
        ("a - (b + c)", "A-(B+C)"),
        ("(a - b) + c", "A-B+C"),
        ("a * (b + c)", "A*(B+C)"),
        ("(a + b) * c", "(A+B)*C"),
        ("a * b + c", "A*B+C"),
        ("a + b * c", "A+B*C"),
        ("a * b * c", "A*B*C"),
        ("a / (b * c)", "A/(B*C)"),
        ("a * (b / c)", "A*(B/C)"),
        ("(a / b) * c", "A/B*C"),
        ("-a * b", "-A*B"),
        ("-(a + b)", "-(A+B)"),
        ("-(a * b)", "-(A*B)"),
        ("a - -b", "A--B"),
    ],
)
def test_render_keeps_precedence(source: str, body: str) -> None:
    excel = parse_expr(source).to_excel(upper)
    assert f',"",{body})' in excel, excel


def test_render_n1_operand() -> None:
    expr = parse_expr("revenue / n1.revenue - 1")
    assert expr.names == ("revenue", "n1.revenue")
    cells = {"revenue": "G5", "n1.revenue": "E5"}
    assert expr.to_excel(cells.__getitem__) == 'IF(OR(G5="",E5="",E5=0),"",G5/E5-1)'


def test_render_functions() -> None:
    assert parse_expr("ceil(a / b)").to_excel(upper) == 'IF(OR(A="",B="",B=0),"",ROUNDUP(A/B,0))'
    assert parse_expr("abs(a)").to_excel(upper) == 'IF(A="","",ABS(A))'
    assert parse_expr("abs(a - b) * 2").to_excel(upper) == 'IF(OR(A="",B=""),"",ABS(A-B)*2)'


def test_render_without_operands_has_no_guard() -> None:
    assert parse_expr("1 + 2").to_excel(upper) == "1+2"


def test_names_in_order_without_repeats() -> None:
    assert parse_expr("(revenue - budget) / budget").names == ("revenue", "budget")
    assert parse_expr("ceil(clients / sql_to_client)").names == ("clients", "sql_to_client")
    assert parse_expr("3").names == ()


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("sales / opportunities", {"sales": 12, "opportunities": 48}, 0.25),
        ("revenue / n1.revenue - 1", {"revenue": 120, "n1.revenue": 100}, pytest.approx(0.2)),
        ("(revenue - budget) / budget", {"revenue": 30000, "budget": 10000}, 2.0),
        (
            "revenue_per_client * gross_margin_rate * lifetime",
            {"revenue_per_client": 1000, "gross_margin_rate": 0.4, "lifetime": 5},
            2000.0,
        ),
        ("ceil(revenue_target / average_sale)", {"revenue_target": 100, "average_sale": 30}, 4.0),
        ("ceil(a / b)", {"a": 0.7, "b": 0.1}, 7.0),  # 6.999999999999999 rounds to 15 digits first
        ("ceil(a)", {"a": -2.5}, -3.0),  # ROUNDUP: away from zero
        ("(result - target) / abs(target)", {"result": -60, "target": -50}, -0.2),
        ("-(a + b)", {"a": 1, "b": 2}, -3.0),
        ("a - -b", {"a": 1, "b": 2}, 3.0),
    ],
)
def test_evaluate(source: str, values: dict, expected: float) -> None:
    assert parse_expr(source).evaluate(values) == expected


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("sales / opportunities", {"sales": 12, "opportunities": None}),
        ("sales / opportunities", {"sales": None, "opportunities": 4}),
        ("sales / opportunities", {"sales": 12}),
        ("sales / opportunities", {"sales": 12, "opportunities": 0}),
        ("spent - budget", {"spent": 5, "budget": None}),
        ("a / (b - c)", {"a": 1, "b": 2, "c": 2}),
        ("a / (b / c)", {"a": 1, "b": 2, "c": 0}),
        ("a / (b / c)", {"a": 1, "b": 0, "c": 3}),
        ("(result - target) / abs(target)", {"result": 5, "target": 0}),
        ("revenue / n1.revenue - 1", {"revenue": 5, "n1.revenue": 0}),
    ],
)
def test_evaluate_is_empty_where_the_sheet_shows_nothing(source: str, values: dict) -> None:
    assert parse_expr(source).evaluate(values) is None


def test_round_sig() -> None:
    assert round_sig(6.999999999999999) == 7.0
    assert round_sig(0.0) == 0.0
    assert round_sig(123456.7890123456789) == 123456.789012346
    assert math.isinf(round_sig(math.inf))


@pytest.mark.parametrize(
    "source",
    [
        "max(a, b)",
        "round(a)",
        "f(a)",
        "abs(a, b)",
        "abs(x=a)",
        "math.ceil(a)",
        "a ** 2",
        "a % b",
        "a // b",
        "a > b",
        "a == b",
        "a and b",
        "not a",
        '"text"',
        "'x' + a",
        "True",
        "None",
        "a if b else c",
        "a.b.c",
        "a[1]",
        "+a",
        "lambda: 1",
        "[a, b]",
        "a +",
        "",
    ],
)
def test_unsupported_syntax_is_refused(source: str) -> None:
    with pytest.raises(ExprError):
        parse_expr(source)


def test_expr_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unsupported expression part: 'a \\*\\* 2'"):
        parse_expr("a ** 2")


# -- the rendered formula and the Python value agree -------------------------------------


class OneRow:
    """A one-sheet book: operands on row 1, the formula in A2."""

    def __init__(self, operands: dict[str, object], formula: str) -> None:
        self.names: dict[str, str] = {}
        self.cells: dict[tuple[int, int], object] = {(1, 0): formula}
        for col, value in enumerate(operands.values()):
            self.cells[(0, col)] = '=""' if value == "" else value

    def cell(self, sheet: str, row: int, col: int) -> object:
        return self.cells.get((row, col))


def spreadsheet_value(source: str, operands: dict[str, object]) -> object:
    refs = {key: f"{col_letter(i)}1" for i, key in enumerate(operands)}
    formula = "=" + parse_expr(source).to_excel(refs.__getitem__)
    return Evaluator(OneRow(operands, formula)).value("S", 1, 0)


def operand_cases(names: tuple[str, ...]) -> list[dict[str, object]]:
    """Empty cells, empty text, zeros and numbers: every mix for three operands or fewer."""
    samples: list[object] = [None, "", 0.0, 0.5, -3.0]
    if len(names) <= 3:
        return [
            dict(zip(names, combo, strict=True))
            for combo in itertools.product(samples, repeat=len(names))
        ]
    cases = []
    for i, sample in itertools.product(range(len(names)), samples):
        cases.append({n: (sample if j == i else 2.0) for j, n in enumerate(names)})
    return cases


def description_expressions() -> list[str]:
    spec = load_spec()
    found = set()
    for sheet in spec.sheets:
        for section in sheet.sections:
            found |= {c.expr for c in section.columns if c.expr}
            found |= {m.expr for m in section.metrics if m.expr}
            found |= {f.expr for f in section.fields if f.expr}
    return sorted(found)


EXTRA = ["a / (b - c)", "a / (b / c)", "-(a + b) / c", "abs(a - b) / abs(c)", "ceil(a / b)"]


@pytest.mark.parametrize("source", description_expressions() + EXTRA)
def test_spreadsheet_and_python_agree(source: str) -> None:
    expr = parse_expr(source)
    for operands in operand_cases(expr.names):
        python = expr.evaluate({k: (None if v == "" else v) for k, v in operands.items()})
        sheet = spreadsheet_value(source, operands)
        assert not isinstance(sheet, ExcelError), (operands, sheet)
        if python is None:
            assert sheet == "", (operands, sheet)
        else:
            assert sheet == pytest.approx(python), operands
