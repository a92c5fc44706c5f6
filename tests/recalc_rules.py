"""The workbook's arithmetic and KPI definitions, written out by hand for the recalc tests.

An empty operand or a zero divisor gives an empty result, as in the workbook. The rules
restate DESIGN.md; they never call pacxl's evaluator or expressions, so a formula the
generator gets wrong cannot be predicted wrong the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recalc_model import Get

EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates (1900 system)


# -- small arithmetic with the workbook's rule: empty operand or zero divisor → empty -------


def div(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def add(*xs: float | None) -> float | None:
    if any(x is None for x in xs):
        return None
    total = 0.0
    for x in xs:
        total += x  # type: ignore[operator]
    return total


def sub(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def mul(*xs: float | None) -> float | None:
    if any(x is None for x in xs):
        return None
    product = 1.0
    for x in xs:
        product *= x  # type: ignore[operator]
    return product


def serial(day: dt.date) -> float:
    return float((day - EPOCH).days)


# DESIGN.md, "KPI definitions", written out by hand. ``v(key)`` is the value of another
# metric of the same line and period; ``v("revenue", "n1")`` the N-1 value.
Rule = Callable[["Get"], float | None]
RULES: dict[str, dict[str, Rule]] = {
    "scorecard": {
        "programmes": lambda v: v.programmes(),
        "total_cost": lambda v: add(v("programmes"), v("salaries")),
        "cost_ratio": lambda v: div(v("total_cost"), v("revenue")),
        "programme_share": lambda v: div(v("programmes"), v("total_cost")),
        "per_person": lambda v: div(v("programmes"), v("headcount")),
    },
    "products": {
        "win_ratio": lambda v: div(v("sales"), v("opportunities")),
        "average_sale": lambda v: div(v("revenue"), v("sales")),
        "growth": lambda v: (
            None if v.period == "n1" else sub(div(v("revenue"), v("revenue", "n1")), 1)
        ),
    },
    "channels": {
        "direct": lambda v: add(v("key_accounts"), v("smb"), v("inside_sales"), v("online")),
        "indirect": lambda v: add(
            v("distributors"), v("integrators"), v("agencies"), v("isv"), v("other")
        ),
        "total": lambda v: add(v("direct"), v("indirect")),
        "indirect_share": lambda v: div(v("indirect"), v("total")),
    },
    "sources": {
        "qualification_rate": lambda v: div(v("qualified_leads"), v("leads")),
        "cost_per_qualified_lead": lambda v: div(v("budget"), v("qualified_leads")),
        "cost_per_opportunity": lambda v: div(v("budget"), v("opportunities")),
        "conversion_rate": lambda v: div(v("opportunities"), v("qualified_leads")),
    },
    "months": {
        "new_visit_rate": lambda v: div(v("new_visits"), v("visits")),
        "pages_per_visit": lambda v: div(v("page_views"), v("visits")),
        "bounce_rate": lambda v: div(v("bounced_visits"), v("visits")),
        "landing_conversion": lambda v: div(v("conversions"), v("landing_visits")),
        "cost_per_web_lead": lambda v: div(v("web_budget"), v("web_leads")),
    },
    "search": {
        "cost_per_seo_lead": lambda v: div(v("seo_budget"), v("seo_leads")),
        "cost_per_sem_lead": lambda v: div(v("sem_budget"), v("sem_leads")),
    },
    "campaigns": {
        "deliverability": lambda v: div(v("delivered"), v("sent")),
        "open_rate": lambda v: div(v("opens"), v("delivered")),
        "click_rate": lambda v: div(v("clicks"), v("delivered")),
        "click_to_open": lambda v: div(v("clicks"), v("opens")),
        "bounce_rate": lambda v: div(v("bounces"), v("sent")),
        "unsubscribe_rate": lambda v: div(v("unsubscribes"), v("delivered")),
        "cost_per_lead": lambda v: div(v("budget"), v("leads")),
    },
    "events": {
        "cost_per_lead": lambda v: div(v("budget"), v("leads")),
        "roi": lambda v: div(sub(v("revenue"), v("budget")), v("budget")),
    },
    "product_lines": {
        "cac": lambda v: div(v("acquisition_spend"), v("new_clients")),
        "revenue_per_client": lambda v: div(v("revenue"), v("clients")),
        "clv": lambda v: mul(v("revenue_per_client"), v("gross_margin_rate"), v("lifetime")),
        "clv_cac": lambda v: div(v("clv"), v("cac")),
        "existing_share": lambda v: div(v("revenue_existing"), v("revenue")),
        "new_share": lambda v: div(v("revenue_new"), v("revenue")),
        "online_share": lambda v: div(v("revenue_online"), v("revenue")),
        "conversion_rate": lambda v: div(v("new_clients"), v("prospects")),
        "average_basket": lambda v: div(v("revenue"), v("orders")),
        "retention_rate": lambda v: div(v("clients_kept"), v("clients_start")),
    },
}


def gap(target: float | None, result: float | None, rate: bool) -> float | None:
    """result − target, in percentage points for a rate."""
    if target is None or result is None:
        return None
    return (result - target) * 100 if rate else result - target


def gap_pct(target: float | None, result: float | None) -> float | None:
    if target is None or result is None or target == 0:
        return None
    return (result - target) / abs(target)

