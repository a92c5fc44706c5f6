"""PAC workbooks for the importer tests: generated, filled by meaning, edited like people do.

Every importer test reads a workbook through :func:`read`, and only through it, so that the
low-level reader the tests go through is chosen in one place (``PACXL_TEST_READER``).

A :class:`Made` workbook is built from the description, filled with :class:`pacxl.fill.Filler`
(by section, row, column or metric, never by cell address) and written by the generator. Its
``ref`` methods give the (sheet, cell) a person would see for an input, from the layout, so a
test can edit a cell with openpyxl and expect a finding at exactly that cell.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from rawbook import read_with_openpyxl

from pacxl.book import BookModel
from pacxl.build import build_book
from pacxl.fill import Filler
from pacxl.generate import render
from pacxl.importer import read_plan
from pacxl.layout import Layout, Placement, cell_ref
from pacxl.options import NewOptions, new_options
from pacxl.reader import Plan, read_raw
from pacxl.spec import Spec, load_spec

D = dt.date
YEAR = 2027
REVIEW = D(2027, 6, 30)  # TODAY() of the cached values
Ref = tuple[str, str]  # (sheet name, "K12")


def read(path: Path) -> Plan:
    """Read a workbook the way every importer test does: with pacxl's own reader, or with
    openpyxl (an independent reading, tests/rawbook.py) when PACXL_TEST_READER=openpyxl."""
    if os.environ.get("PACXL_TEST_READER") == "openpyxl":
        return read_raw(read_with_openpyxl(path), path)
    return read_plan(path, isolate=False)


@dataclass
class Made:
    """A workbook model being filled, and where each of its inputs lands in the file."""

    options: NewOptions
    book: BookModel
    fill: Filler
    spec: Spec = field(default_factory=load_spec)

    @property
    def lang(self) -> str:
        return self.options.lang

    @property
    def layout(self) -> Layout:
        return self.fill.layout

    def place(self, section: str) -> Placement:
        return self.layout.places[section]

    def sheet(self, section: str) -> str:
        """The name of the sheet holding a section, in the workbook's language."""
        return self.place(section).sheet.name(self.lang)

    def row(self, section: str, index: int) -> int:
        """The 1-based row of data row ``index`` of a table section."""
        return self.place(section).first + index + 1

    def ref(self, section: str, index: int, column: str) -> Ref:
        """Where data row ``index`` of a table section meets one of its columns."""
        place = self.place(section)
        return self.sheet(section), cell_ref(place.first + index, place.col(column))

    def kpi_ref(self, section: str, line: str, metric: str, column: str) -> Ref:
        place = self.place(section)
        return self.sheet(section), cell_ref(place.cells[(line, metric)], place.col(column))

    def line_ref(self, section: str, line: str, attribute: str | None = None) -> Ref:
        """The label cell of a KPI line, or the cell of one of its attributes."""
        place = self.place(section)
        col = 0
        if attribute is not None:
            keys = [a.key for a in place.section.attributes]
            col = place.col("n1") + 2 * keys.index(attribute) + 1
        return self.sheet(section), cell_ref(place.rows[line], col)

    def field_ref(self, section: str, key: str) -> Ref:
        place = self.place(section)
        return self.sheet(section), cell_ref(place.rows[key], place.col("value"))

    def total_ref(self, section: str, column: str) -> Ref:
        place = self.place(section)
        return self.sheet(section), cell_ref(place.total_row, place.col(column))

    def list_value(self, key: str, index: int) -> str:
        """Value ``index`` of a drop-down list, in the workbook's language."""
        return self.spec.list(key).values[index](self.lang)

    def write(self, path: Path) -> Path:
        render(self.book, path, self.options, today=REVIEW)
        return path


def make(lang: str = "fr", **options: Any) -> Made:
    """A blank workbook model (fiscal year 2027 unless told), ready to fill."""
    options.setdefault("year", YEAR)
    opts = new_options(lang=lang, **options)
    book = build_book(opts)
    return Made(opts, book, Filler(book, opts))


def edit(src: Path, dst: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """Copy ``src`` to ``dst``, changed with openpyxl as a person's script would."""
    shutil.copyfile(src, dst)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about the data validation extension
        workbook = openpyxl.load_workbook(dst)
    change(workbook)
    workbook.save(dst)
    return dst


# -- typing known values -----------------------------------------------------------------------


@dataclass
class Typed:
    """What a test typed, by meaning, to compare with what the importer reads back."""

    tables: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    kpis: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    lines: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    fields: dict[tuple[str, str], Any] = field(default_factory=dict)


class Typist:
    """Types values into a :class:`Made` workbook with its Filler and remembers them."""

    def __init__(self, made: Made) -> None:
        self.made = made
        self.typed = Typed()

    def row(self, section: str, index: int, **values: Any) -> None:
        self.made.fill.row(section, index, **values)
        self.typed.tables.setdefault(section, {}).setdefault(index, {}).update(values)

    def kpi(self, section: str, line: str, metric: str, **periods: Any) -> None:
        self.made.fill.kpi(section, line, metric, **periods)
        self.typed.kpis.setdefault((section, line, metric), {}).update(periods)

    def line(self, section: str, line: str, label: str | None = None, **attributes: Any) -> None:
        self.made.fill.line(section, line, label, **attributes)
        typed = self.typed.lines.setdefault((section, line), {})
        typed.update(attributes)
        if label is not None:
            typed["line"] = label

    def field(self, section: str, key: str, value: Any) -> None:
        self.made.fill.field(section, key, value)
        self.typed.fields[(section, key)] = value


def fill_plan(made: Made) -> Typed:
    """A plan filled everywhere a person types: every kind of section and input."""
    t = Typist(made)
    word = made.list_value
    t.field("params", "author", "Zoé Lefèvre")
    t.field("params", "review_date", REVIEW)
    t.field("params", "tolerance", 0.15)
    t.row("team", 2, name="Chloé Durand", role=word("roles", 2))
    t.field("vision", "vision", "Devenir la référence régionale de l’isolation écologique")
    t.row("strategic", 0, objective="Doubler le CA export", horizon=D(2029, 12, 31))
    t.row("strategic", 1, objective="Ouvrir une agence à Lyon")
    t.row(
        "smart",
        0,
        objective="Conversion du site",
        strategic_id="S1",
        category=word("categories", 5),
        segment="PME du BTP",
        indicator="Taux de conversion",
        unit="%",
        n1=0.04,
        target=0.05,
        deadline=D(2027, 12, 31),
        owner="Alice Martin",
        result=0.045,
        comment="Mesuré sur Matomo",
    )
    t.row(
        "smart",
        1,
        objective="Coût par lead",
        unit="€",
        direction=word("directions", 1),
        n1=60,
        target=50,
        result=54.5,
    )
    t.row(
        "smart",
        2,
        objective="Notoriété",
        type=word("objective_types", 1),
        qual_status=word("qual_statuses", 0),
    )
    t.row(
        "actions",
        0,
        action="Salon Batimat",
        phases="Stand ; badges ; relances",
        family=word("families", 9),
        objective_id="O1",
        category=word("categories", 4),
        lever=word("levers", 2),
        target_segment="Artisans",
        channel=word("channels", 8),
        priority=word("priorities", 0),
        owner="Bruno Petit",
        budget=5000,
        spent=6250.5,
        start=D(2027, 4, 1),
        end=D(2027, 4, 30),
        indicator="Leads",
        unit=word("units", 2),
        target=40,
        result=37,
        progress=word("statuses", 2),
        analysis="Stand trop petit",
        decision=word("decisions", 0),
    )
    t.row(
        "actions",
        1,
        action="Webinars mensuels",
        owner="Alice Martin",
        budget=1200,
        start=D(2027, 5, 1),
        end=D(2028, 3, 31),
        unit="%",
        direction=word("directions", 1),
        target=0.2,
        result=0.25,
    )
    t.row("actions", 3, action="Refonte du site", budget=0, spent=0)
    t.row("budget_clients", 0, n1=70_000, budget=70_000, spent=35_000)
    t.row("budget_leads", 1, n1=222_000, budget=265_000, spent=100_000.5)
    t.row("budget_leads", 7, item="Annuaires professionnels", n1=200_000, budget=200_000)
    t.row("budget_resources", 0, n1=220_000, budget=210_000)
    t.row(
        "review",
        0,
        action="Salon 2026",
        channel=word("channels", 8),
        cost=4200,
        result="30 leads, 2 ventes",
        verdict=word("decisions", 0),
        why="Bon ciblage",
    )
    t.row(
        "swot",
        0,
        strengths="Équipe soudée",
        weaknesses="Peu de notoriété",
        opportunities="RE2020",
        threats="Prix des matériaux",
    )
    t.row("key_dates", 0, date=D(2027, 9, 14), event="Rentrée BTP", comment="Salons")
    t.line("products", "p1", "Isolants biosourcés")
    for line, (opps, sales, revenue) in {"p1": (20, 5, 150_000), "p2": (10, 1, 20_000)}.items():
        t.kpi("products", line, "opportunities", n1=opps - 4, objective=opps, result=opps - 2)
        t.kpi("products", line, "sales", n1=sales - 1, objective=sales, result=sales + 1)
        t.kpi(
            "products", line, "revenue", n1=revenue * 0.8, objective=revenue, result=revenue * 0.9
        )
    channels = {
        "key_accounts": 100_000,
        "smb": 0,
        "inside_sales": 0,
        "online": 0,
        "distributors": 50_000,
        "integrators": 0,
        "agencies": 0,
        "isv": 0,
        "other": 0,
    }
    for metric, objective in channels.items():  # a total is empty while a channel is
        t.kpi("channels", "all", metric, objective=objective, result=objective * 1.1 // 1)
    t.line("sources", "other", "Bouche-à-oreille")
    t.kpi("sources", "seo", "leads", objective=200, result=180)
    t.kpi("sources", "seo", "qualified_leads", objective=50, result=45)
    t.kpi("sources", "other", "budget", result=1500.75)
    t.kpi("months", "m01", "visits", n1=900, objective=1000, result=1100)
    t.kpi("months", "m01", "new_visits", objective=600, result=500)
    t.kpi("months", "m04", "visits", objective=2000, result=1500)
    t.kpi("months", "m04", "new_visits", objective=1000, result=900)
    t.kpi("search", "search", "keyword_position", n1=8, objective=3, result=4)
    t.line("campaigns", "l02", "Relance des devis", date=D(2027, 5, 3), segment="Clients")
    t.kpi("campaigns", "l02", "sent", objective=1000, result=1200)
    t.kpi("campaigns", "l02", "delivered", objective=950, result=1100)
    t.kpi("campaigns", "l02", "opens", result=330)
    t.line("events", "l01", "Batimat", type=word("event_types", 0), date=D(2027, 11, 5))
    t.kpi("events", "l01", "budget", objective=10_000, result=12_000)
    t.kpi("events", "l01", "revenue", objective=50_000, result=30_000)
    t.line("product_lines", "l01", "Isolation")
    t.kpi("product_lines", "l01", "revenue", result=100_000)
    t.kpi("product_lines", "l01", "clients", result=40)
    t.kpi("product_lines", "l01", "gross_margin_rate", result=0.5)
    t.kpi("product_lines", "l01", "lifetime", result=2.5)
    t.kpi("product_lines", "l02", "revenue", result=60_000)
    t.kpi("product_lines", "l02", "clients", result=20)
    t.kpi("product_lines", "total", "gross_margin_rate", result=0.4)
    t.kpi("product_lines", "total", "lifetime", result=3)
    t.kpi("scorecard", "scorecard", "salaries", n1=236_000, objective=245_000)
    t.kpi("scorecard", "scorecard", "headcount", n1=4, objective=4)
    t.kpi("scorecard", "scorecard", "revenue", n1=21_130_000, objective=24_000_000)
    t.field("methods", "renewal_rate", 0.05)
    t.field("methods", "envelope_rate", 0.04)
    for key, value in {
        "revenue_target": 120_000,
        "average_sale": 3_000,
        "sql_to_client": 0.25,
        "mql_to_sql": 0.5,
        "lead_to_mql": 0.4,
        "visitor_to_lead": 0.02,
        "cost_per_client": 800,
    }.items():
        t.field("funnel", key, value)
    return t.typed
