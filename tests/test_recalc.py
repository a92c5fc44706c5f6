"""The generated workbook recalculated by real spreadsheet engines (LibreOffice, Gnumeric).

Issue «a real client checks the formulas». Three promises of DESIGN.md are checked here:

1. a blank workbook shows no error value in any formula cell (fr, en, Bpifrance actions);
2. a filled workbook computes, in each engine, the numbers this file computes on its own,
   in plain Python, from the values it typed: never with pacxl's evaluator or expressions.
   Cells are found through :class:`pacxl.layout.Layout`, never by column letter;
3. the value pacxl caches in every formula cell is the engines' value, so a LibreOffice user
   with default settings (who sees the cache) sees the right numbers.

Each workbook is written and recalculated once per module (one per language and engine);
the tests share the results.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import engines
import pytest
from conftest import ensure_engine
from openpyxl.cell.cell import Cell
from openpyxl.utils.datetime import to_excel

from pacxl.book import BookModel
from pacxl.build import build_book
from pacxl.fill import Filler
from pacxl.generate import render
from pacxl.layout import Layout, Placement, cell_ref
from pacxl.options import NewOptions, new_options
from pacxl.spec import Spec, load_spec

D = dt.date
EPOCH = D(1899, 12, 30)
YEAR = 2027
REVIEW = D(2027, 6, 30)  # the review date typed in Paramètres, and TODAY() of the cache
TOLERANCE = 0.1  # the default «Proche» tolerance
TEAM = "Alice:Directrice;Bob:Commercial"
LANGS = ("fr", "en")
PERIODS = ("n1", "objective", "result")
ERRORS = frozenset({"#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "#NULL!"})

Key = tuple[str, str]  # (sheet name, "B12")
Value = float | str | None  # None: an empty cell or an empty-text result

# The user's words, in both languages (what the workbook must show, typed here by hand).
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "met": "Atteint",
        "near": "Proche",
        "missed": "Non atteint",
        "missing": "Non renseigné",
        "qualitative": "Qualitatif",
        "tracking": "Suivi",
        "late": "En retard",
        "up": "Hausse",
        "down": "Baisse",
        "none": "—",
        "quantitative_type": "Quantitatif",
        "qualitative_type": "Qualitatif",
        "todo": "À faire",
        "doing": "En cours",
        "done": "Terminée",
        "cancelled": "Annulée",
        "fair": "Salon",
    },
    "en": {
        "met": "Met",
        "near": "Close",
        "missed": "Not met",
        "missing": "No data",
        "qualitative": "Qualitative",
        "tracking": "Tracking",
        "late": "Late",
        "up": "Up",
        "down": "Down",
        "none": "—",
        "quantitative_type": "Quantitative",
        "qualitative_type": "Qualitative",
        "todo": "To do",
        "doing": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
        "fair": "Trade fair",
    },
}
UNIT_WORDS = {
    "integer": ("nombre", "count"),
    "number": ("nombre", "number"),
    "money": ("€", "€"),
    "money2": ("€", "€"),
    "percent": ("%", "%"),
    "times": ("×", "×"),
    "years": ("ans", "years"),
    "rank": ("rang", "rank"),
}
WORD_COLUMNS = {"type", "direction", "qual_status", "progress"}  # values are WORDS keys

# -- what the test types into the workbook -------------------------------------------------

# Objectifs › SMART objectives, one dict per row.
SMART: list[dict[str, Any]] = [
    # Plezi: site conversion from 4 % to 5 %; the target is last year's rate, so the gap
    # (result − target) is +1 point and the gap % +25 %.
    {"objective": "Conversion du site", "unit": "%", "n1": 0.04, "target": 0.04, "result": 0.05},
    {
        "objective": "Coût par lead",
        "unit": "€",
        "direction": "down",
        "n1": 60,
        "target": 50,
        "result": 54,
    },
    {"objective": "Notoriété", "type": "qualitative_type", "qual_status": "missed"},
    {"objective": "Image employeur", "type": "qualitative_type"},
    {"objective": "Nouveaux distributeurs", "target": 0, "result": 2},
    {"objective": "CA export", "unit": "€", "target": 100000, "result": 80000},
    {"objective": "Avis clients", "target": 4.5},
    {
        "objective": "Partenariats",
        "type": "qualitative_type",
        "target": 10,
        "result": 2,
        "qual_status": "met",
    },
]

# Plan d'actions, one dict per row.
ACTIONS: list[dict[str, Any]] = [
    {
        "action": "Salon Lyon",
        "owner": "Alice",
        "budget": 5000,
        "spent": 6000,
        "start": D(2027, 2, 1),
        "end": D(2027, 3, 31),
        "target": 40,
        "result": 37,
        "progress": "doing",
    },  # past its end, not done: late
    {
        "action": "Webinars",
        "owner": "Bob",
        "budget": 12000,
        "spent": 11000,
        "start": D(2027, 1, 15),
        "end": D(2027, 4, 30),
        "unit": "%",
        "target": 0.2,
        "result": 0.25,
        "progress": "done",
    },
    {
        "action": "Campagne d’hiver",
        "budget": 9200,
        "spent": 9200,
        "start": D(2026, 11, 15),
        "end": D(2027, 2, 14),
        "direction": "down",
        "target": 10,
        "result": 12,
    },
    {"action": "Étude sans dates", "budget": 3000},
    {
        "action": "Catalogue",
        "budget": 4600,
        "spent": 0,
        "start": D(2027, 11, 1),
        "end": D(2028, 1, 31),
        "target": 50,
        "progress": "doing",
    },
    {"action": "Dates inversées", "budget": 1000, "start": D(2027, 5, 10), "end": D(2027, 5, 1)},
    {
        "action": "Action annulée",
        "budget": 2000,
        "start": D(2027, 3, 1),
        "end": D(2027, 3, 15),
        "target": 5,
        "result": 0,
        "progress": "cancelled",
    },
    {
        "action": "Hors budget",
        "budget": 0,
        "spent": 500,
        "start": D(2027, 6, 1),
        "end": REVIEW,
        "target": 0,
        "result": 3,
        "progress": "doing",
    },
]

# Budget blocks: (row, spend N-1, budget N, spent N). SO'xperts slide 51, in euros:
# customers 70 / 70 k€, lead generation 422 / 465 k€, resources 220 / 210 k€.
BUDGET_BLOCKS = ("budget_clients", "budget_leads", "budget_resources")
BUDGET: dict[str, list[tuple[int, float | None, float | None, float | None]]] = {
    "budget_clients": [(0, 40000, 45000, 20000), (1, 30000, 25000, 30000), (6, None, 0, 1200)],
    "budget_leads": [
        (0, 200000, 215000, 100000),
        (1, 150000, 170000, 80000),
        (2, 72000, 80000, None),
    ],
    "budget_resources": [(0, 120000, 110000, 60000), (1, 100000, 100000, 55000)],
}
RENEWAL_RATE = 0.05  # typed in Budget › methods
ENVELOPE_RATE = 0.03  # the template's default share of forecast revenue

# KPI inputs: section -> line -> metric -> (N-1, objective, result).
KPI: dict[str, dict[str, dict[str, tuple[float | None, ...]]]] = {
    "scorecard": {
        "scorecard": {
            "salaries": (236000, 245000, None),
            "headcount": (4, 4, 4),
            "revenue": (21130000, 24000000, 11000000),
        }
    },
    "products": {
        "p1": {
            "opportunities": (50, 60, 0),
            "sales": (20, 24, 0),
            "clients": (None, 20, 0),
            "revenue": (100000, 120000, 80000),
        },
        "p2": {
            "opportunities": (None, 40, 30),
            "sales": (None, 10, 12),
            "revenue": (None, 50000, 66000),
        },
        "s1": {"revenue": (20000, 22000, 23000)},
    },
    "channels": {
        "all": {
            "key_accounts": (300000, 350000, 200000),
            "smb": (None, 100000, 90000),
            "inside_sales": (None, 0, 5000),
            "online": (None, 20000, 25000),
            "distributors": (None, 50000, 30000),
            "integrators": (None, 10000, 0),
            "agencies": (None, 0, 0),
            "isv": (None, 0, 0),
            "other": (None, 5000, 1000),
        }
    },
    "sources": {
        "newsletter": {
            "leads": (None, 100, 120),
            "qualified_leads": (None, 40, 30),
            "budget": (None, 2000, 2400),
            "opportunities": (None, 10, 0),
        },
        "seo": {
            "qualified_leads": (None, 10, 10),
            "budget": (None, 460, 500),
            "opportunities": (None, None, 4),
        },
        # Neocamino's Bob: field prospecting, 60 000 € over the year
        "field": {
            "leads": (None, None, 200),
            "qualified_leads": (None, None, 80),
            "budget": (None, 60000, 60000),
            "opportunities": (None, None, 40),
        },
    },
    "months": {
        "m01": {
            "visits": (None, 1200, 1000),
            "unique_visitors": (None, None, 800),
            "new_visits": (None, None, 600),
            "page_views": (None, None, 3000),
            "bounced_visits": (None, None, 400),
            "landing_visits": (None, 200, 200),
            "conversions": (None, 12, 10),
            "web_leads": (None, 10, 8),
            "web_budget": (None, 500, 400),
        },
        "m02": {
            "visits": (None, None, 3000),
            "unique_visitors": (None, None, 2000),
            "new_visits": (None, None, 900),
            "page_views": (None, None, 6000),
            "bounced_visits": (None, None, 1500),
            "landing_visits": (None, None, 100),
            "conversions": (None, None, 9),
            "web_leads": (None, None, 0),
            "web_budget": (None, None, 600),
        },
        "m03": {
            "visits": (None, None, 0),
            "new_visits": (None, None, 0),
            "web_leads": (None, None, 2),
            "web_budget": (None, None, 100),
        },
    },
    "search": {
        "search": {
            "keyword_position": (12, 5, 7),
            "seo_leads": (None, None, 20),
            "seo_budget": (None, None, 1000),
            "sem_budget": (None, None, 3000),
            "sem_leads": (None, None, 0),
        }
    },
    "campaigns": {
        "l01": {
            "sent": (None, 1000, 1000),
            "delivered": (None, 960, 950),
            "opens": (None, 320, 300),
            "clicks": (None, 50, 45),
            "bounces": (None, 40, 50),
            "unsubscribes": (None, 4, 5),
            "leads": (None, 10, 9),
            "budget": (None, 400, 450),
        },
        "l02": {
            "sent": (None, None, 2000),
            "delivered": (None, None, 1900),
            "opens": (None, None, 500),
            "clicks": (None, None, 0),
            "bounces": (None, None, 100),
            "unsubscribes": (None, None, 0),
            "budget": (None, None, 300),
        },
    },
    "events": {
        "l01": {
            "budget": (None, 9000, 10000),
            "contacts": (None, None, 200),
            "leads": (None, 40, 50),
            "qualified_leads": (None, None, 20),
            "opportunities": (None, None, 8),
            "revenue": (None, 40000, 45000),
        },
        "l02": {
            "budget": (None, None, 0),
            "leads": (None, None, 10),
            "revenue": (None, None, 5000),
        },
        "l03": {"budget": (None, None, 3000), "revenue": (None, None, 1500)},
    },
    "product_lines": {
        # Neocamino's Bob again: 40 new clients for 60 000 € → CAC 1 500 €
        "l01": {
            "acquisition_spend": (None, 50000, 60000),
            "prospects": (None, None, 200),
            "new_clients": (None, 50, 40),
            "clients_start": (None, None, 100),
            "clients_kept": (None, None, 85),
            "clients": (None, 150, 140),
            "orders": (None, None, 700),
            "revenue": (None, 450000, 420000),
            "revenue_existing": (None, None, 300000),
            "revenue_new": (None, None, 120000),
            "revenue_online": (None, None, 42000),
            "gross_margin_rate": (None, 0.4, 0.4),
            "lifetime": (None, 3, 3),
        },
        "l02": {
            "acquisition_spend": (None, None, 5000),
            "new_clients": (None, None, 0),
            "clients": (None, None, 50),
            "revenue": (None, None, 100000),
            "gross_margin_rate": (None, None, 0.5),
            "lifetime": (None, None, 2),
        },
        "total": {"gross_margin_rate": (None, 0.4, 0.42), "lifetime": (None, 3, 2.5)},
    },
}
RENAMED = {
    ("products", "s1"): "Maintenance",
    ("campaigns", "l01"): "Relance janvier",
    ("events", "l01"): "Salon Lyon",
}

# Entonnoir: 42 ÷ 35 % is 120.00000000000001 in binary floating point; a client sees 120.
FUNNEL = {
    "revenue_target": 500000,
    "average_sale": 12000,
    "sql_to_client": "0.35",
    "mql_to_sql": "0.3",
    "lead_to_mql": "0.4",
    "visitor_to_lead": "0.02",
    "cost_per_client": 1500,
}

# Tableau de bord › picks: row -> catalogue entry (section, metric), or an unknown label.
PICKS: dict[int, tuple[str, str] | str] = {
    5: "Indicateur inconnu",  # not in the catalogue: the row stays empty
    9: ("scorecard", "per_person"),  # no direction: a tracking figure
}


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


# -- the workbooks -------------------------------------------------------------------------


@dataclass
class Workbook:
    """A generated workbook and what it takes to find and predict its cells."""

    lang: str
    options: NewOptions
    path: Path
    layout: Layout
    book: BookModel

    def place(self, section: str) -> Placement:
        return self.layout.places[section]

    def key(self, section: str, row: int, col: str | int) -> Key:
        place = self.place(section)
        c = place.col(col) if isinstance(col, str) else col
        return place.sheet.name(self.lang), cell_ref(row, c)

    def kpi_key(self, section: str, line: str, metric: str, col: str) -> Key:
        return self.key(section, self.place(section).cells[(line, metric)], col)

    def constant(self, section: str, row: int, col: str | int) -> Any:
        """What the builder wrote in a cell (a label, not a computation)."""
        sheet, _ = self.key(section, row, 0)
        place = self.place(section)
        c = place.col(col) if isinstance(col, str) else col
        cell = self.book.sheet(sheet).cells.get((row, c))
        return None if cell is None else cell.value

    def formula_keys(self) -> set[Key]:
        return {
            (s.name, cell_ref(r, c))
            for s in self.book.sheets
            for (r, c), cell in s.cells.items()
            if cell.is_formula
        }


def write_blank(path: Path, lang: str, bpi: bool = False) -> Workbook:
    options = new_options(lang=lang, year=YEAR, first_month=1, company="ACME", team=TEAM, bpi=bpi)
    book = build_book(options)
    render(book, path, options, today=REVIEW)
    return Workbook(lang, options, path, Layout(load_spec(), options), book)


def write_filled(path: Path, lang: str) -> Workbook:
    options = new_options(lang=lang, year=YEAR, first_month=1, company="ACME", team=TEAM)
    book = build_book(options)
    fill = Filler(book, options)
    words = WORDS[lang]

    def typed(values: dict[str, Any]) -> dict[str, Any]:
        return {k: words[v] if k in WORD_COLUMNS else v for k, v in values.items()}

    fill.field("params", "review_date", REVIEW)
    for i, values in enumerate(SMART):
        fill.row("smart", i, **typed(values))
    for i, values in enumerate(ACTIONS):
        fill.row("actions", i, **typed(values))
    for block, rows in BUDGET.items():
        for row, n1, budget, spent in rows:
            if row >= len(fill.spec.section(block)[1].prefill):
                fill.row(block, row, item=f"Poste {row + 1}")
            fill.row(block, row, n1=n1, budget=budget, spent=spent)
    fill.field("methods", "renewal_rate", RENEWAL_RATE)
    for section, lines in KPI.items():
        for line, metrics in lines.items():
            for metric, values in metrics.items():
                fill.kpi(section, line, metric, **dict(zip(PERIODS, values, strict=True)))
    for (section, line), label in RENAMED.items():
        fill.line(section, line, label)
    fill.line("campaigns", "l01", date=D(2027, 1, 20), segment="Clients")
    fill.line("events", "l01", type=words["fair"], date=D(2027, 3, 10))
    for key, value in FUNNEL.items():
        fill.field("funnel", key, float(value) if isinstance(value, str) else value)
    workbook = Workbook(lang, options, path, Layout(load_spec(), options), book)
    for row, pick in PICKS.items():
        fill.row(
            "picks",
            row,
            indicator=pick if isinstance(pick, str) else catalogue_label(workbook, *pick),
        )
    render(book, path, options, today=REVIEW)
    return workbook


def catalogue_label(wb: Workbook, section: str, metric: str) -> str:
    place = wb.place("catalogue")
    for i, (sec, _, met) in enumerate(place.entries):
        if (sec, met) == (section, metric):
            return wb.constant("catalogue", place.first + i, "label")
    raise KeyError((section, metric))


# -- the expectations, computed from the typed values --------------------------------------


class Get:
    """The values a KPI rule reads: other metrics of the same line and period."""

    def __init__(self, model: Model, section: str, line: str, period: str) -> None:
        self.model, self.section, self.line, self.period = model, section, line, period

    def __call__(self, metric: str, period: str | None = None) -> float | None:
        return self.model.kpi(self.section, self.line, metric, period or self.period)

    def programmes(self) -> float:
        column = {"n1": "n1", "objective": "budget", "result": "spent"}[self.period]
        return add(*(self.model.budget_total(b, column) for b in BUDGET_BLOCKS))  # type: ignore


def gap(target: float | None, result: float | None, rate: bool) -> float | None:
    """result − target, in percentage points for a rate."""
    if target is None or result is None:
        return None
    return (result - target) * 100 if rate else result - target


def gap_pct(target: float | None, result: float | None) -> float | None:
    if target is None or result is None or target == 0:
        return None
    return (result - target) / abs(target)


class Model:
    """Every value the filled workbook should show, from the inputs of this module."""

    def __init__(self, wb: Workbook, spec: Spec) -> None:
        self.wb, self.spec, self.w = wb, spec, WORDS[wb.lang]
        self.memo: dict[tuple[str, str, str, str], float | None] = {}
        self.expected: dict[Key, Value] = {}
        self.counts = {
            k: {"smart": 0, "actions": 0, "kpis": 0} for k in ("met", "near", "missed", "missing")
        }

    def status(self, target: float | None, result: float | None, direction: str) -> str:
        """DESIGN.md: Atteint / Proche (within the tolerance) / Non atteint, direction-aware."""
        w = self.w
        if target is None and result is None:
            return ""
        if target is None or result is None:
            return w["missing"]
        if direction == "none":
            return w["tracking"]
        margin = abs(target) * TOLERANCE
        if direction == "down":
            return (
                w["met"]
                if result <= target
                else (w["near"] if result <= target + margin else w["missed"])
            )
        return (
            w["met"]
            if result >= target
            else (w["near"] if result >= target - margin else w["missed"])
        )

    def count(self, table: str, status: str) -> None:
        for key, word in self.w.items():
            if word == status and key in self.counts:
                self.counts[key][table] += 1

    def put(self, key: Key, value: Value | dt.date) -> None:
        if isinstance(value, dt.date):
            value = serial(value)
        self.expected[key] = "" if value is None else value

    # KPI sections
    def kpi(self, section: str, line: str, metric: str, period: str) -> float | None:
        key = (section, line, metric, period)
        if key not in self.memo:
            self.memo[key] = self._kpi(section, line, metric, period)
        return self.memo[key]

    def _kpi(self, section: str, line: str, metric: str, period: str) -> float | None:
        rule = RULES.get(section, {}).get(metric)
        if rule is not None:
            return rule(Get(self, section, line, period))
        aggregate = self.wb.place(section).section.metric(metric).aggregate
        if line == "total" and aggregate == "sum":
            lines = [ln.key for ln in self.wb.place(section).section.lines]
            values = [self.kpi(section, ln, metric, period) for ln in lines]
            present = [x for x in values if x is not None]
            return add(*present) if present else None
        if line == "total" and aggregate == "none":
            return None
        typed = KPI.get(section, {}).get(line, {}).get(metric)
        return None if typed is None else typed[PERIODS.index(period)]

    def kpi_status(self, section: str, line: str, metric: str) -> str:
        direction = self.wb.place(section).section.metric(metric).direction
        return self.status(
            self.kpi(section, line, metric, "objective"),
            self.kpi(section, line, metric, "result"),
            direction,
        )

    def kpi_section(self, section: str) -> None:
        wb, place = self.wb, self.wb.place(section)
        formulas = wb.formula_keys()
        lines = [ln.key for ln in place.section.lines] + (
            ["total"] if place.section.has_total else []
        )
        for index, line in enumerate(lines):
            label = self.line_label(section, line, index)
            if line != "total" and place.section.lines[0].label is None:
                self.put(wb.key(section, place.rows[line], 0), label)
            for m in place.section.metrics:
                row = place.cells[(line, m.key)]
                self.put(wb.key(section, row, "line"), label)
                for period in PERIODS:
                    if wb.key(section, row, period) in formulas:
                        self.put(
                            wb.key(section, row, period), self.kpi(section, line, m.key, period)
                        )
                target = self.kpi(section, line, m.key, "objective")
                result = self.kpi(section, line, m.key, "result")
                self.put(wb.key(section, row, "gap"), gap(target, result, m.unit == "percent"))
                self.put(wb.key(section, row, "gap_pct"), gap_pct(target, result))
                self.put(wb.key(section, row, "status"), self.kpi_status(section, line, m.key))

    def line_label(self, section: str, line: str, index: int) -> Value | dt.date:
        if (section, line) in RENAMED:
            return RENAMED[(section, line)]
        if line != "total" and self.wb.place(section).section.lines[0].label is None:
            return D(YEAR, index + 1, 1)  # a month of the fiscal year
        return self.wb.constant(section, self.wb.place(section).rows[line], 0)

    # tables
    def smart(self) -> None:
        place = self.wb.place("smart")
        for i in range(place.last - place.first + 1):
            v = SMART[i] if i < len(SMART) else {}
            row = place.first + i
            t, r = v.get("target"), v.get("result")
            self.put(self.wb.key("smart", row, "gap"), gap(t, r, v.get("unit") == "%"))
            self.put(self.wb.key("smart", row, "gap_pct"), gap_pct(t, r))
            status = self.status(t, r, v.get("direction", "up"))
            if v.get("type") == "qualitative_type":
                status = self.w[v["qual_status"]] if "qual_status" in v else self.w["qualitative"]
            self.put(self.wb.key("smart", row, "status"), status)
            self.count("smart", status)

    def actions(self) -> None:
        place = self.wb.place("actions")
        for i in range(place.last - place.first + 1):
            v = ACTIONS[i] if i < len(ACTIONS) else {}
            row = place.first + i
            t, r = v.get("target"), v.get("result")
            self.put(
                self.wb.key("actions", row, "budget_gap"), sub(v.get("spent"), v.get("budget"))
            )
            self.put(self.wb.key("actions", row, "gap"), gap(t, r, v.get("unit") == "%"))
            self.put(self.wb.key("actions", row, "gap_pct"), gap_pct(t, r))
            status = self.status(t, r, v.get("direction", "up"))
            self.put(self.wb.key("actions", row, "status"), status)
            self.count("actions", status)
            end, progress = v.get("end"), v.get("progress", "todo")
            late = end is not None and end < REVIEW and progress not in ("done", "cancelled")
            self.put(self.wb.key("actions", row, "late"), self.w["late"] if late else "")
        budget = sum(a.get("budget", 0) for a in ACTIONS)
        spent = sum(a.get("spent", 0) for a in ACTIONS)
        self.put(self.wb.key("actions", place.total_row, "budget"), budget)
        self.put(self.wb.key("actions", place.total_row, "spent"), spent)
        self.put(self.wb.key("actions", place.total_row, "budget_gap"), spent - budget)

    def calendar(self) -> None:
        wb, place = self.wb, self.wb.place("calendar")
        months = [D(YEAR, m, 1) for m in range(1, 13)]
        month_ends = [*(m - dt.timedelta(days=1) for m in months[1:]), D(YEAR, 12, 31)]
        for i, first in enumerate(months):
            self.put(wb.key("calendar", place.header, f"m{i + 1:02}"), first)
        totals = [0.0] * 12
        for i in range(place.last - place.first + 1):
            v = ACTIONS[i] if i < len(ACTIONS) else {}
            row = place.first + i
            mirror = {"id": f"A{i + 1:02}", "owner": None, **v}
            for key in ("id", "action", "owner", "start", "end", "budget"):
                self.put(wb.key("calendar", row, key), mirror.get(key))
            start, end, budget = v.get("start"), v.get("end"), v.get("budget")
            for m, (first, last) in enumerate(zip(months, month_ends, strict=True)):
                share = None
                if start is not None and end is not None and budget is not None and end >= start:
                    days = (min(end, last) - max(start, first)).days + 1
                    share = budget * max(0, days) / ((end - start).days + 1)
                    totals[m] += share
                self.put(wb.key("calendar", row, f"m{m + 1:02}"), share)
        rows = place.rows
        budget = sum(a.get("budget", 0) for a in ACTIONS)
        self.put(wb.key("calendar", rows["month_total"], "budget"), budget)
        for m in range(12):
            col = f"m{m + 1:02}"
            self.put(wb.key("calendar", rows["month_total"], col), totals[m])
            self.put(wb.key("calendar", rows["cumulative"], col), sum(totals[: m + 1]))
        for q in range(4):
            self.put(
                wb.key("calendar", rows["quarter_total"], f"m{3 * q + 1:02}"),
                sum(totals[3 * q : 3 * q + 3]),
            )
        self.put(wb.key("calendar", rows["unscheduled"], "budget"), budget - sum(totals))
        self.calendar_totals = totals

    def budget_total(self, block: str, column: str) -> float:
        index = {"n1": 1, "budget": 2, "spent": 3}[column]
        return float(sum(r[index] for r in BUDGET[block] if r[index] is not None))

    def budget(self) -> None:
        for block in BUDGET_BLOCKS:
            place = self.wb.place(block)
            typed = {r[0]: r for r in BUDGET[block]}
            for i in range(place.last - place.first + 1):
                _, _, budget, spent = typed.get(i, (i, None, None, None))
                row = place.first + i
                self.put(self.wb.key(block, row, "gap"), sub(spent, budget))
                self.put(self.wb.key(block, row, "consumed"), div(spent, budget))
            totals = {c: self.budget_total(block, c) for c in ("n1", "budget", "spent")}
            for column, value in totals.items():
                self.put(self.wb.key(block, place.total_row, column), value)
            self.put(self.wb.key(block, place.total_row, "gap"), totals["spent"] - totals["budget"])
            self.put(
                self.wb.key(block, place.total_row, "consumed"),
                div(totals["spent"], totals["budget"]),
            )

    # forms
    def forms(self) -> None:
        start, end = D(YEAR, 1, 1), D(YEAR, 12, 31)
        elapsed = ((REVIEW - start).days + 1) / ((end - start).days + 1)
        for key, value in (
            ("fiscal_start", start),
            ("fiscal_end", end),
            ("ref_date", REVIEW),
            ("elapsed", elapsed),
        ):
            self.put(self.field_key("params", key), value)
        programmes = {p: self.kpi("scorecard", "scorecard", "programmes", p) for p in PERIODS}
        revenue = self.kpi("scorecard", "scorecard", "revenue", "objective")
        methods = {
            "renewal": programmes["n1"] * (1 + RENEWAL_RATE),  # type: ignore[operator]
            "envelope": revenue * ENVELOPE_RATE,  # type: ignore[operator]
            "bottom_up": float(sum(a.get("budget", 0) for a in ACTIONS)),
            "retained": programmes["objective"],
            "burn": div(programmes["result"], programmes["objective"]),
            "elapsed": elapsed,
        }
        for key, value in methods.items():
            self.put(self.field_key("methods", key), value)
        exact = {k: Fraction(str(v)) for k, v in FUNNEL.items()}
        clients = math.ceil(exact["revenue_target"] / exact["average_sale"])
        sql = math.ceil(clients / exact["sql_to_client"])
        mql = math.ceil(sql / exact["mql_to_sql"])
        leads = math.ceil(mql / exact["lead_to_mql"])
        visitors = math.ceil(leads / exact["visitor_to_lead"])
        budget = clients * exact["cost_per_client"]
        for key, value in (
            ("clients", clients),
            ("sql", sql),
            ("mql", mql),
            ("leads", leads),
            ("visitors", visitors),
            ("acquisition_budget", budget),
        ):
            self.put(self.field_key("funnel", key), float(value))
        assert (clients, sql, mql, leads, visitors) == (42, 120, 400, 1000, 50000)

    def field_key(self, section: str, key: str) -> Key:
        return self.wb.key(section, self.wb.place(section).rows[key], "value")

    # the dashboard
    def dashboard(self) -> None:
        wb, cat = self.wb, self.wb.place("catalogue")
        by_label = {}
        for i, (section, line, metric) in enumerate(cat.entries):
            row = cat.first + i
            for period in PERIODS:
                self.put(wb.key("catalogue", row, period), self.kpi(section, line, metric, period))
            status = self.kpi_status(section, line, metric)
            self.put(wb.key("catalogue", row, "status"), status)
            self.count("kpis", status)
            by_label[wb.constant("catalogue", row, "label")] = (section, line, metric)
        picks = wb.place("picks")
        for row in range(picks.first, picks.last + 1):
            self.pick(row, by_label.get(wb.constant("picks", row, "indicator")))
        summary = wb.place("status_summary")
        for i, status in enumerate(("met", "near", "missed", "missing")):
            for table, column in (
                ("smart", "objectives"),
                ("actions", "actions"),
                ("kpis", "kpis"),
            ):
                self.put(
                    wb.key("status_summary", summary.first + i, column),
                    float(self.counts[status][table]),
                )
        blocks = wb.place("budget_summary")
        for i, block in enumerate(BUDGET_BLOCKS):
            budget, spent = self.budget_total(block, "budget"), self.budget_total(block, "spent")
            for column, value in (
                ("budget", budget),
                ("spent", spent),
                ("consumed", div(spent, budget)),
            ):
                self.put(wb.key("budget_summary", blocks.first + i, column), value)

    def pick(self, row: int, entry: tuple[str, str, str] | None) -> None:
        keys = ("unit", "direction", "objective", "result", "gap", "attainment", "status")
        if entry is None:
            for key in keys:
                self.put(self.wb.key("picks", row, key), "")
            return
        metric = self.wb.place(entry[0]).section.metric(entry[2])
        target = self.kpi(*entry, "objective")
        result = self.kpi(*entry, "result")
        attainment = None
        if target and result:  # neither empty nor zero
            attainment = target / result if metric.direction == "down" else result / target
        values = {
            "unit": UNIT_WORDS[metric.unit][LANGS.index(self.wb.lang)],
            "direction": self.w[metric.direction],
            "objective": target,
            "result": result,
            "gap": gap(target, result, metric.unit == "percent"),
            "attainment": attainment,
            "status": self.status(target, result, metric.direction),
        }
        for key in keys:
            self.put(self.wb.key("picks", row, key), values[key])

    def build(self) -> dict[Key, Value]:
        for place in self.wb.layout.places.values():
            if place.section.kind == "kpi":
                self.kpi_section(place.section.key)
        self.smart()
        self.actions()
        self.calendar()
        self.budget()
        self.forms()
        self.dashboard()
        return self.expected


# -- comparing -----------------------------------------------------------------------------


def same(actual: object, expected: Value) -> bool:
    return engines.same_value(actual, expected)


def mismatches(values: dict[Key, object], expected: dict[Key, Value]) -> list[str]:
    return [
        f"{sheet}!{cell}: got {values.get((sheet, cell), '<missing>')!r}, expected {want!r}"
        for (sheet, cell), want in expected.items()
        if not same(values.get((sheet, cell)), want)
    ]


def cached_value(cell: Cell, epoch: dt.datetime) -> object:
    """The value pacxl cached in a formula cell, in the conventions of engines.py.

    xlsxwriter writes an empty-text result as an untyped ``<v></v>`` (openpyxl reads None);
    LibreOffice, which shows cached values by default, shows it as empty text (checked by
    hand: it saves such a cell back as ``t="str"`` with ``<v></v>``). pacxl never caches
    None itself (the writer turns it into 0), so a None here is always "".
    """
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return float(to_excel(value, epoch))
    return value if isinstance(value, bool | str) else float(value)


def read_cache(path: Path, keys: set[Key]) -> dict[Key, object]:
    workbook = engines.load_workbook(path, data_only=True)
    return {(s, c): cached_value(workbook[s][c], workbook.epoch) for s, c in keys}


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Workbook]:
    folder = tmp_path_factory.mktemp("recalc")
    return {lang: write_filled(folder / f"PAC_filled_{lang}.xlsx", lang) for lang in LANGS}


@pytest.fixture(scope="module")
def expected(filled_books: dict[str, Workbook]) -> dict[str, dict[Key, Value]]:
    spec = load_spec()
    return {lang: Model(wb, spec).build() for lang, wb in filled_books.items()}


@pytest.fixture(
    scope="module",
    params=[(lang, engine) for engine in engines.ENGINES for lang in LANGS],
    ids="-".join,
)
def recalculated(
    request: pytest.FixtureRequest, filled_books: dict[str, Workbook], engine_workdir: Path
) -> tuple[Workbook, engines.Recalculated]:
    lang, engine = request.param
    ensure_engine(engine)
    wb = filled_books[lang]
    return wb, engines.recalc(wb.path, engine_workdir, engine)


def value_at(
    result: engines.Recalculated, wb: Workbook, section: str, row: int, col: str
) -> object:
    return result.values[wb.key(section, row, col)]


def kpi_at(
    result: engines.Recalculated, wb: Workbook, section: str, line: str, metric: str, col: str
) -> object:
    return result.values[wb.kpi_key(section, line, metric, col)]


# -- 1. blank workbooks --------------------------------------------------------------------


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
@pytest.mark.parametrize(
    ("lang", "bpi"), [("fr", False), ("en", False), ("fr", True)], ids=["fr", "en", "fr-bpi"]
)
def test_blank_workbook_shows_no_error_value(
    recalc, tmp_path: Path, lang: str, bpi: bool, engine: str
) -> None:
    wb = write_blank(tmp_path / f"PAC_blank_{lang}.xlsx", lang, bpi)
    result = recalc(wb.path, engine)
    assert len(result.values) == wb.book.formula_cells() > 5000
    assert set(result.values) == wb.formula_keys()
    errors = [(s, c, v) for (s, c), v in result.values.items() if v in ERRORS or v is None]
    assert errors == [], f"{len(errors)} error values, first: {errors[:10]}"
    cache = read_cache(wb.path, set(result.values))  # what LibreOffice shows by default
    assert [(k, v) for k, v in cache.items() if v in ERRORS] == []


# -- 2. filled workbooks: the engines' numbers are the ones computed here -----------------


def test_every_formula_cell_has_an_expectation(filled_books, expected) -> None:
    for lang, wb in filled_books.items():
        formulas = wb.formula_keys()
        assert set(expected[lang]) <= formulas, "an expectation points at a non-formula cell"
        missing = sorted(formulas - set(expected[lang]))
        assert missing == [], f"{len(missing)} formula cells without expectation: {missing[:10]}"


@pytest.mark.engine
def test_engine_values_equal_independent_expectations(recalculated, expected) -> None:
    wb, result = recalculated
    wrong = mismatches(result.values, expected[wb.lang])
    assert wrong == [], f"{len(wrong)} of {len(expected[wb.lang])} cells differ:\n" + "\n".join(
        wrong[:40]
    )


@pytest.mark.engine
def test_so_xperts_budget_example(recalculated) -> None:
    wb, result = recalculated

    def score(metric: str, period: str) -> object:
        return kpi_at(result, wb, "scorecard", "scorecard", metric, period)

    assert (score("programmes", "n1"), score("programmes", "objective")) == (712000, 745000)
    assert (score("total_cost", "n1"), score("total_cost", "objective")) == (948000, 990000)
    assert score("cost_ratio", "n1") == pytest.approx(948 / 21130, rel=1e-12)
    assert round(score("cost_ratio", "n1") * 100, 2) == 4.49  # type: ignore[operator]
    assert score("cost_ratio", "objective") == pytest.approx(0.04125, rel=1e-12)  # 4.13 %
    assert score("programme_share", "objective") == pytest.approx(745 / 990, rel=1e-12)
    assert round(score("programme_share", "objective"), 2) == 0.75  # type: ignore[arg-type]
    assert (score("per_person", "n1"), score("per_person", "objective")) == (178000, 186250)
    # no salaries typed for N: the ratios that need them stay empty, the others compute
    assert (score("total_cost", "result"), score("cost_ratio", "result")) == ("", "")
    assert score("per_person", "result") == 346200 / 4
    assert (
        kpi_at(result, wb, "scorecard", "scorecard", "per_person", "status")
        == WORDS[wb.lang]["tracking"]
    )


@pytest.mark.engine
def test_plezi_rate_gap_in_points(recalculated) -> None:
    wb, result = recalculated
    row = wb.place("smart").first
    assert value_at(result, wb, "smart", row, "gap") == pytest.approx(1.0, rel=1e-9)
    assert value_at(result, wb, "smart", row, "gap_pct") == pytest.approx(0.25, rel=1e-9)
    assert value_at(result, wb, "smart", row, "status") == WORDS[wb.lang]["met"]


@pytest.mark.engine
def test_empty_and_zero_denominators_stay_empty(recalculated) -> None:
    wb, result = recalculated
    assert kpi_at(result, wb, "products", "p1", "win_ratio", "result") == ""  # 0 opportunities
    assert kpi_at(result, wb, "products", "p1", "average_sale", "result") == ""  # 0 sales
    assert kpi_at(result, wb, "products", "p2", "growth", "result") == ""  # no N-1 revenue
    assert kpi_at(result, wb, "campaigns", "l02", "cost_per_lead", "result") == ""  # no leads
    assert kpi_at(result, wb, "events", "l03", "cost_per_lead", "result") == ""  # no leads
    assert kpi_at(result, wb, "events", "l02", "roi", "result") == ""  # zero budget
    assert kpi_at(result, wb, "product_lines", "l02", "clv_cac", "result") == ""  # no CAC
    assert kpi_at(result, wb, "sources", "seo", "qualification_rate", "result") == ""


@pytest.mark.engine
def test_baisse_metric_and_late_actions(recalculated) -> None:
    wb, result = recalculated
    w = WORDS[wb.lang]
    # cost per qualified lead (Baisse): 500 / 10 = 50 € against 460 / 10 = 46 €: «Proche»
    assert kpi_at(result, wb, "sources", "seo", "cost_per_qualified_lead", "result") == 50
    assert kpi_at(result, wb, "sources", "seo", "cost_per_qualified_lead", "status") == w["near"]
    first = wb.place("actions").first
    late = [value_at(result, wb, "actions", first + i, "late") for i in range(len(ACTIONS))]
    assert late == [w["late"], "", w["late"], "", "", w["late"], "", ""]


@pytest.mark.engine
def test_funnel_rounds_up_like_a_person(recalculated) -> None:
    wb, result = recalculated
    place = wb.place("funnel")
    got = [
        value_at(result, wb, "funnel", place.rows[k], "value")
        for k in ("clients", "sql", "mql", "leads", "visitors", "acquisition_budget")
    ]
    assert got == [42, 120, 400, 1000, 50000, 63000]


@pytest.mark.engine
def test_web_total_ratios_come_from_summed_counts(recalculated) -> None:
    wb, result = recalculated
    rate = kpi_at(result, wb, "months", "total", "new_visit_rate", "result")
    assert rate == pytest.approx(1500 / 4000, rel=1e-12)  # not (60 % + 30 %) / 2
    assert kpi_at(result, wb, "months", "total", "bounce_rate", "result") == pytest.approx(
        1900 / 4000, rel=1e-12
    )


@pytest.mark.engine
def test_calendar_phases_the_budget_over_days(recalculated) -> None:
    wb, result = recalculated
    place = wb.place("calendar")
    winter = place.first + 2  # 15/11/2026 – 14/02/2027, 9 200 € over 92 days
    months = [value_at(result, wb, "calendar", winter, f"m{m:02}") for m in range(1, 13)]
    assert months[:2] == [pytest.approx(3100), pytest.approx(1400)]
    assert months[2:] == [0] * 10
    assert value_at(result, wb, "calendar", place.first + 3, "m01") == ""  # no dates
    assert value_at(result, wb, "calendar", place.first + 5, "m05") == ""  # end before start
    rows = place.rows
    quarters = [
        value_at(result, wb, "calendar", rows["quarter_total"], f"m{m:02}") for m in (1, 4, 7, 10)
    ]
    assert sum(quarters) == pytest.approx(26550)  # 36 800 € typed, 10 250 € outside
    assert value_at(result, wb, "calendar", rows["cumulative"], "m12") == pytest.approx(26550)
    assert value_at(result, wb, "calendar", rows["unscheduled"], "budget") == pytest.approx(
        4700 + 3000 + 1550 + 1000
    )


@pytest.mark.engine
def test_key_metrics_events_and_emailing(recalculated) -> None:
    wb, result = recalculated
    assert kpi_at(result, wb, "product_lines", "l01", "cac", "result") == 1500  # Neocamino
    assert kpi_at(result, wb, "product_lines", "l01", "clv", "result") == pytest.approx(3600)
    assert kpi_at(result, wb, "product_lines", "l01", "clv_cac", "result") == pytest.approx(2.4)
    assert kpi_at(result, wb, "events", "l01", "roi", "result") == pytest.approx(3.5)
    assert kpi_at(result, wb, "events", "l03", "roi", "result") == pytest.approx(-0.5)
    assert kpi_at(result, wb, "events", "total", "roi", "result") == pytest.approx(
        (51500 - 13000) / 13000
    )
    assert kpi_at(result, wb, "campaigns", "total", "open_rate", "result") == pytest.approx(
        800 / 2850
    )
    assert kpi_at(result, wb, "campaigns", "total", "cost_per_lead", "result") == pytest.approx(
        750 / 9
    )


@pytest.mark.engine
def test_dashboard_picks_and_status_counts(recalculated) -> None:
    wb, result = recalculated
    w = WORDS[wb.lang]
    summary = wb.place("status_summary")
    counts = [
        [value_at(result, wb, "status_summary", summary.first + i, col) for i in range(4)]
        for col in ("objectives", "actions")
    ]
    assert counts == [[3, 1, 2, 1], [2, 1, 2, 1]]  # met, close, not met, no data
    picks = wb.place("picks")
    revenue = [
        value_at(result, wb, "picks", picks.first, c)
        for c in ("objective", "result", "attainment", "status")
    ]
    assert revenue == [192000, pytest.approx(169000), pytest.approx(169000 / 192000), w["missed"]]
    cpql = [
        value_at(result, wb, "picks", picks.first + 3, c)  # Baisse: objective ÷ result
        for c in ("direction", "objective", "result", "attainment")
    ]
    assert cpql == [
        w["down"],
        pytest.approx(62460 / 50),
        pytest.approx(62900 / 120),
        pytest.approx((62460 / 50) / (62900 / 120)),
    ]
    unknown = [
        value_at(result, wb, "picks", picks.first + 5, c)  # not in the catalogue
        for c in picks.columns
        if c != "indicator"
    ]
    assert unknown == [""] * 7
    assert value_at(result, wb, "picks", picks.first + 9, "status") == w["tracking"]


# -- 3. the cache pacxl writes is what the engines compute --------------------------------


@pytest.mark.engine
def test_cached_values_equal_engine_values(recalculated) -> None:
    wb, result = recalculated
    cache = read_cache(wb.path, set(result.values))
    wrong = [
        f"{s}!{c}: cached {cache[(s, c)]!r}, {result.engine} {v!r}"
        for (s, c), v in result.values.items()
        if not same(cache[(s, c)], v)
    ]  # type: ignore[arg-type]
    assert wrong == [], f"{len(wrong)} of {len(result.values)} cached values differ:\n" + (
        "\n".join(wrong[:40])
    )
