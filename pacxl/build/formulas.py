"""The formulas every gap cell shares: gap, gap %, attainment status and lateness.

They follow the rules of the gap analysis (DESIGN.md): gap = result − target, gap % =
gap ÷ |target|, a rate's gap in percentage points, and a direction-aware status with the
«Proche» tolerance of the settings sheet. ``pacxl.analyse`` computes the same numbers.
"""

from __future__ import annotations

from .context import Ctx, literal

TOLERANCE = "P_Tolerance"
REF_DATE = "P_DateRef"


def blank_if(cells: list[str], body: str) -> str:
    conds = [f'{c}=""' for c in cells]
    cond = conds[0] if len(conds) == 1 else f"OR({','.join(conds)})"
    return f'IF({cond},"",{body})'


def gap(target: str, result: str, percent_unit: str | bool = False) -> str:
    """result − target; in percentage points when the unit is a rate.

    ``percent_unit`` is True for a rate, False for any other unit, or the reference of a
    unit cell whose "%" decides at calculation time.
    """
    body = f"{result}-{target}"
    if percent_unit is True:
        body = f"({body})*100"
    elif percent_unit:
        body = f'IF({percent_unit}="%",({body})*100,{body})'
    return blank_if([target, result], body)


def gap_pct(target: str, result: str) -> str:
    return f'IF(OR({target}="",{result}="",{target}=0),"",({result}-{target})/ABS({target}))'


def _branch(ctx: Ctx, target: str, result: str, up: bool) -> str:
    met, near, missed = (literal(ctx.label("gap_status", k)) for k in ("met", "near", "missed"))
    cmp, sign = (">=", "-") if up else ("<=", "+")
    return (f"IF({result}{cmp}{target},{met},"
            f"IF({result}{cmp}{target}{sign}ABS({target})*{TOLERANCE},{near},{missed}))")


def status(ctx: Ctx, target: str, result: str, direction: str) -> str:
    """The status of one result against its target.

    ``direction`` is "up", "down", "none" (known when the workbook is written) or the
    reference of a direction cell (read at calculation time; empty means up, «—» means
    none, as for a dashboard pick of a tracking figure).
    """
    missing = literal(ctx.label("gap_status", "missing"))
    tracking = literal(ctx.label("gap_status", "tracking"))
    if direction == "none":
        body = tracking
    elif direction in ("up", "down"):
        body = _branch(ctx, target, result, direction == "up")
    else:
        down = literal(ctx.label("direction_labels", "down"))
        none = literal(ctx.label("direction_labels", "none"))
        body = (f"IF({direction}={none},{tracking},"
                f"IF({direction}={down},{_branch(ctx, target, result, False)},"
                f"{_branch(ctx, target, result, True)}))")
    return (f'IF(AND({target}="",{result}=""),"",'
            f'IF(OR({target}="",{result}=""),{missing},{body}))')


def qualitative_status(ctx: Ctx, kind: str, chosen: str, quantitative: str) -> str:
    """A qualitative objective keeps the status the user chose."""
    qual = literal(ctx.spec.list("objective_types").values[1](ctx.lang))
    fallback = literal(ctx.label("gap_status", "qualitative"))
    return f'IF({kind}={qual},IF({chosen}="",{fallback},{chosen}),{quantitative})'


def late(ctx: Ctx, end: str, progress: str) -> str:
    """«En retard»: the end date is past and the action is neither done nor cancelled."""
    statuses = ctx.spec.list("statuses").values
    done, cancelled = literal(statuses[2](ctx.lang)), literal(statuses[4](ctx.lang))
    flag = literal(ctx.label("gap_status", "late"))
    return (f'IF({end}="","",IF(AND({end}<{REF_DATE},{progress}<>{done},'
            f'{progress}<>{cancelled}),{flag},""))')
