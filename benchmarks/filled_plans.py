"""Filled PAC workbooks for the benchmarks: realistic plans of any number of actions.

``workbooks(sizes, folder)`` builds, once, a workbook per size: ``build_book`` with a team of
4 and an action grid of exactly that many rows, every input column of every action filled
through :class:`pacxl.fill.Filler`, plus strategic and SMART objectives, budget lines and
KPIs, rendered by :func:`pacxl.generate.render`. Each is built in a worker process and named
after a digest of the filling code and of the modules that build and render it, so a folder
kept between runs (``--cache``) rebuilds a workbook only when one of those changes.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import hashlib
import inspect
import os
import random
import sys
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from processes import LOADED, REPO, loaded_sources

YEAR, REVIEW = 2027, dt.date(2027, 6, 30)  # the fiscal year of the plans; TODAY() when written
TEAM = (
    "Alice Martin:Directrice commerciale;Bruno Petit:Commercial;"
    "Chloé Durand:Responsable marketing;David Moreau:Chargé de marketing"
)

ACTIONS = (
    "Salon régional {n}", "Campagne d’emailing {n}", "Webinar client {n}",
    "Relance des devis {n}", "Journée portes ouvertes {n}", "Article de blog {n}",
    "Campagne SEA {n}", "Plaquette produit {n}", "Prospection téléphonique {n}",
    "Partenariat prescripteur {n}", "Newsletter trimestrielle {n}", "Visite grands comptes {n}",
)  # fmt: skip
PHASES = (
    "Réserver le stand ; préparer les badges ; relancer les contacts",
    "Segmenter la base ; rédiger ; envoyer ; mesurer l’ouverture",
    "Choisir le thème ; inviter ; animer ; envoyer le replay",
    "Lister les devis ouverts ; appeler ; noter les objections",
    "Brief agence ; maquette ; validation ; impression",
)
SEGMENTS = ("PME du BTP", "Artisans", "Grands comptes", "Collectivités", "Particuliers")
INDICATORS = ("Leads qualifiés", "Taux d’ouverture", "Chiffre d’affaires", "Rendez-vous")
ANALYSES = (
    "Bon ciblage, stand trop petit",
    "Objectif atteint grâce aux relances",
    "Retard de l’agence, à recadrer",
    "Peu de retours : revoir le message",
)


def plan_options(actions: int) -> Any:
    """The options of a plan with exactly ``actions`` rows in its action grid.

    ``pacxl new`` caps ``--action-rows`` (MAX_ROWS); bigger grids are what a person gets by
    copying rows down, so the checked options are widened here rather than by the CLI.
    """
    from pacxl.options import new_options

    checked = new_options(year=YEAR, company="Isolbat", author="Zoé Lefèvre", team=TEAM)
    return dataclasses.replace(checked, action_rows=actions, spare_rows=0)


def fill_plan(fill: Any, options: Any, actions: int) -> None:
    """Type a realistic plan: settings, objectives, ``actions`` full action rows, KPIs."""
    from pacxl.spec import load_spec

    spec, rng = load_spec(), random.Random(actions)

    def word(key: str, i: int) -> str:
        values = spec.list(key).values
        return values[i % len(values)]("fr")

    owners = [member.name for member in options.team]
    fill.field("params", "review_date", REVIEW)
    fill.row("strategic", 0, objective="Doubler le CA export", horizon=dt.date(2029, 12, 31))
    fill.row("strategic", 1, objective="Ouvrir une agence à Lyon")
    smart = ("Conversion du site", "Coût par lead", "Leads qualifiés", "Chiffre d’affaires")
    for i, objective in enumerate(smart):
        fill.row("smart", i, objective=objective, strategic_id=f"S{i % 2 + 1}",
                 category=word("categories", i), segment=SEGMENTS[i], indicator=objective,
                 unit="nombre", n1=100.0 + i, target=120.0 + i, deadline=dt.date(YEAR, 12, 31),
                 owner=owners[i], result=110.0 + i)  # fmt: skip
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    for i in range(actions):
        start = first + dt.timedelta(days=rng.randrange(330))
        unit = ("€", "%", "nombre")[i % 3]
        target = {"€": 10_000.0, "%": 0.2, "nombre": 40.0}[unit]
        fill.row(
            "actions", i,
            id=f"A{i + 1:05}",
            action=ACTIONS[i % len(ACTIONS)].format(n=i // len(ACTIONS) + 1),
            phases=PHASES[i % len(PHASES)],
            family=word("families", i),
            objective_id=f"O{i % len(smart) + 1}",
            category=word("categories", i),
            lever=word("levers", i),
            target_segment=SEGMENTS[i % len(SEGMENTS)],
            channel=word("channels", i),
            priority=word("priorities", i),
            owner=owners[i % len(owners)],
            budget=float(rng.randrange(500, 20_000, 50)),
            spent=round(rng.uniform(0, 20_000), 2),
            start=start,
            end=min(last, start + dt.timedelta(days=rng.randrange(1, 90))),
            indicator=INDICATORS[i % len(INDICATORS)],
            unit=unit,
            direction=word("directions", 0),
            target=target,
            result=round(target * rng.uniform(0.5, 1.3), 2),
            progress=word("statuses", i),
            analysis=ANALYSES[i % len(ANALYSES)],
            decision=word("decisions", i),
        )  # fmt: skip
    fill.row("budget_clients", 0, n1=70_000, budget=70_000, spent=35_000)
    fill.row("budget_leads", 1, n1=222_000, budget=265_000, spent=100_000.5)
    fill.row("budget_resources", 0, n1=220_000, budget=210_000)
    for line, revenue in (("p1", 150_000), ("p2", 20_000)):
        fill.kpi(
            "products", line, "revenue", n1=revenue * 0.8, objective=revenue, result=revenue * 0.9
        )
        fill.kpi("products", line, "sales", n1=4, objective=5, result=6)
    fill.kpi("sources", "seo", "leads", objective=200, result=180)
    for month in ("m01", "m02", "m03", "m04", "m05", "m06"):
        fill.kpi("months", month, "visits", n1=900, objective=1000, result=1100)
    fill.line("events", "l01", "Batimat", type=word("event_types", 0), date=dt.date(YEAR, 11, 5))
    fill.kpi("events", "l01", "budget", objective=10_000, result=12_000)
    fill.field("funnel", "revenue_target", 120_000)


def build(actions: int, path: Path) -> None:
    """Build, fill and write the plan of ``actions`` actions (runs in a worker process)."""
    from pacxl.build import build_book
    from pacxl.fill import Filler
    from pacxl.generate import render

    options = plan_options(actions)
    book = build_book(options)
    fill_plan(Filler(book, options), options, actions)
    partial = path.with_suffix(".part.xlsx")
    render(book, partial, options, today=REVIEW)
    partial.replace(path)


def writer_digest() -> str:
    """What the built workbooks depend on: the filling, pacxl's writing side, the description.

    The writing side is the modules that building and rendering load, so an edit to the
    reader (or to anything else) does not force a rebuild of a cached workbook.
    """
    # the filling code as a syntax tree (reformatting it keeps the cache), and its data
    digest = hashlib.sha256(repr((TEAM, YEAR, REVIEW, ACTIONS, PHASES, SEGMENTS, INDICATORS,
                                  ANALYSES)).encode())  # fmt: skip
    for function in (plan_options, fill_plan, build):
        digest.update(ast.dump(ast.parse(textwrap.dedent(inspect.getsource(function)))).encode())
    for path in loaded_sources(WRITER):
        digest.update(os.path.relpath(path, REPO).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


# What the built workbooks depend on: the pacxl modules building and rendering load.
WRITER = "import json, sys, pacxl.build, pacxl.fill, pacxl.generate, pacxl.options" + LOADED


def workbooks(sizes: list[int], folder: Path) -> dict[int, Path]:
    """The workbook of each size (actions), built unless ``folder`` already has it."""
    tag, built = writer_digest(), {}
    for actions in sizes:
        path = folder / f"pac_{actions}_{tag}.xlsx"
        if not path.exists():
            start = time.perf_counter()
            with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
                pool.submit(build, actions, path).result()
            seconds = time.perf_counter() - start
            print(f"built {path.name} in {seconds:.0f} s", file=sys.stderr, flush=True)
        built[actions] = path
    return built


def plan_sheet() -> str:
    """The name of the action plan sheet, in French."""
    from pacxl.spec import load_spec

    return load_spec().sheet("plan").name("fr")
