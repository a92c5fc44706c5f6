"""The workbook description (``workbook_templates/pac``) against DESIGN.md, and its checker."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from importlib import resources
from typing import Any

import pytest
from spec_texts import all_texts

from pacxl.spec import Column, Metric, Spec, SpecError, Text, load_spec, text
from pacxl.spec.check import check_spec
from pacxl.spec.load import _build

SHEETS_FR = [
    "Lisez-moi",
    "Paramètres",
    "Listes",
    "Diagnostic",
    "Objectifs",
    "Plan d’actions",
    "Calendrier",
    "Budget",
    "1 Commercial",
    "2 Lead generation",
    "3 Web",
    "4 Emailing",
    "5 Évènements",
    "6 Métriques clés",
    "Entonnoir",
    "Tableau de bord",
]
BPI_HEADERS = [
    "ACTIONS",
    "PHASES / ÉTAPES",
    "QUI ?",
    "BUDGET",
    "DATE DÉBUT",
    "DATE FIN",
    "OBJECTIF",
    "RÉSULTAT OBTENU",
    "ANALYSE ÉCARTS",
]

# DESIGN.md, "KPI definitions": (section, metric, expression, unit, direction).
KPIS = [
    ("products", "win_ratio", "sales / opportunities", "percent", "up"),
    ("products", "average_sale", "revenue / sales", "money", "up"),
    ("products", "growth", "revenue / n1.revenue - 1", "percent", "up"),
    ("channels", "indirect_share", "indirect / total", "percent", "none"),
    ("sources", "qualification_rate", "qualified_leads / leads", "percent", "up"),
    ("sources", "cost_per_qualified_lead", "budget / qualified_leads", "money2", "down"),
    ("sources", "cost_per_opportunity", "budget / opportunities", "money2", "down"),
    ("sources", "conversion_rate", "opportunities / qualified_leads", "percent", "up"),
    ("months", "new_visit_rate", "new_visits / visits", "percent", "up"),
    ("months", "pages_per_visit", "page_views / visits", "number", "up"),
    ("months", "bounce_rate", "bounced_visits / visits", "percent", "down"),
    ("months", "landing_conversion", "conversions / landing_visits", "percent", "up"),
    ("months", "cost_per_web_lead", "web_budget / web_leads", "money2", "down"),
    ("search", "cost_per_seo_lead", "seo_budget / seo_leads", "money2", "down"),
    ("search", "cost_per_sem_lead", "sem_budget / sem_leads", "money2", "down"),
    ("search", "keyword_position", None, "rank", "down"),
    ("campaigns", "deliverability", "delivered / sent", "percent", "up"),
    ("campaigns", "open_rate", "opens / delivered", "percent", "up"),
    ("campaigns", "click_rate", "clicks / delivered", "percent", "up"),
    ("campaigns", "click_to_open", "clicks / opens", "percent", "up"),
    ("campaigns", "bounce_rate", "bounces / sent", "percent", "down"),
    ("campaigns", "unsubscribe_rate", "unsubscribes / delivered", "percent", "down"),
    ("campaigns", "cost_per_lead", "budget / leads", "money2", "down"),
    ("events", "cost_per_lead", "budget / leads", "money2", "down"),
    ("events", "roi", "(revenue - budget) / budget", "percent", "up"),
    ("product_lines", "cac", "acquisition_spend / new_clients", "money2", "down"),
    ("product_lines", "revenue_per_client", "revenue / clients", "money2", "up"),
    ("product_lines", "clv", "revenue_per_client * gross_margin_rate * lifetime", "money2", "up"),
    ("product_lines", "clv_cac", "clv / cac", "times", "up"),
    ("product_lines", "existing_share", "revenue_existing / revenue", "percent", "none"),
    ("product_lines", "new_share", "revenue_new / revenue", "percent", "none"),
    ("product_lines", "online_share", "revenue_online / revenue", "percent", "up"),
    ("product_lines", "conversion_rate", "new_clients / prospects", "percent", "up"),
    ("product_lines", "average_basket", "revenue / orders", "money2", "up"),
    ("product_lines", "retention_rate", "clients_kept / clients_start", "percent", "up"),
    ("scorecard", "cost_ratio", "total_cost / revenue", "percent", "none"),
    ("scorecard", "programme_share", "programmes / total_cost", "percent", "none"),
    ("scorecard", "per_person", "programmes / headcount", "money", "none"),
]
FUNNEL = {
    "clients": "ceil(revenue_target / average_sale)",
    "sql": "ceil(clients / sql_to_client)",
    "mql": "ceil(sql / mql_to_sql)",
    "leads": "ceil(mql / lead_to_mql)",
    "visitors": "ceil(leads / visitor_to_lead)",
}
LISTS_FR = {
    "categories": ["Notoriété", "Image", "Vente", "Fidélisation", "Prospection", "Conversion"],
    "objective_types": ["Quantitatif", "Qualitatif"],
    "levers": ["Savoir-faire", "Savoir offrir", "Savoir vendre", "Savoir être"],
    "statuses": ["À faire", "En cours", "Terminée", "Reportée", "Annulée"],
    "priorities": ["Haute", "Moyenne", "Basse"],
    "directions": ["Hausse", "Baisse"],
}
DEFINED_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec()


def same_expr(a: str, b: str) -> bool:
    return ast.dump(ast.parse(a, mode="eval")) == ast.dump(ast.parse(b, mode="eval"))


# -- loading ---------------------------------------------------------------------------------


def test_description_ships_as_package_resources() -> None:
    root = resources.files("workbook_templates").joinpath("pac")
    assert root.joinpath("workbook.toml").is_file()
    assert root.joinpath("lists.toml").is_file()
    assert len([p for p in root.joinpath("sheets").iterdir() if p.name.endswith(".toml")]) == 16


def test_load_spec_is_cached_and_complete(spec: Spec) -> None:
    assert load_spec() is spec
    assert len(spec.sheets) == 16
    assert spec.identity["kind"] == "pacxl-pac"
    assert spec.identity["name"] == "pacxl_identity"


def test_spec_package_imports_no_spreadsheet_library() -> None:
    code = (
        "import sys, pacxl.spec; pacxl.spec.load_spec(); "
        "print(sorted(m for m in ('xlsxwriter', 'openpyxl', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_label_has_both_languages(spec: Spec) -> None:
    texts = all_texts(spec)
    assert len(texts) > 500
    assert [t for t in texts if not t.fr.strip() or not t.en.strip()] == []


# -- sheets ----------------------------------------------------------------------------------


def test_sheet_order_and_french_names(spec: Spec) -> None:
    assert [s.name.fr for s in spec.sheets] == SHEETS_FR


def test_sheet_names_are_valid_in_both_languages(spec: Spec) -> None:
    for lang in ("fr", "en"):
        names = [s.name(lang) for s in spec.sheets]
        assert len(set(names)) == len(names)
        for name in names:
            assert 0 < len(name) <= 31, name
            assert not set(name) & set("'[]:*?/\\"), name


def test_plan_sheet_uses_the_typographic_apostrophe(spec: Spec) -> None:
    assert spec.sheet("plan").name == Text("Plan d’actions", "Action plan")


def test_action_grid_has_the_bpifrance_columns_in_order(spec: Spec) -> None:
    _, actions = spec.section("actions")
    headers = [c.header.fr for c in actions.columns]
    positions = [headers.index(h) for h in BPI_HEADERS]
    assert positions == sorted(positions)


def test_action_grid_has_the_design_columns(spec: Spec) -> None:
    _, actions = spec.section("actions")
    keys = {c.key for c in actions.columns}
    assert {
        "objective_id",
        "category",
        "lever",
        "target_segment",
        "channel",
        "priority",
        "spent",
        "indicator",
        "unit",
        "direction",
        "gap",
        "gap_pct",
        "status",
        "progress",
        "decision",
    } <= keys
    assert actions.column("owner").list == "team"
    assert actions.column("objective_id").list == "objectives"
    assert actions.column("decision").list == "decisions"


def test_kpi_tabs_are_marked(spec: Spec) -> None:
    tabs = {s.key: s.kpi_tab for s in spec.sheets if s.kpi_tab}
    assert tabs == {
        "kpi_commercial": "commercial",
        "kpi_leads": "leads",
        "kpi_web": "web",
        "kpi_emailing": "emailing",
        "kpi_evenements": "events",
        "kpi_metriques": "key_metrics",
    }


# -- KPI catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "expr", "unit", "direction"), KPIS, ids=[f"{s}.{k}" for s, k, *_ in KPIS]
)
def test_kpi_definition(
    spec: Spec, section: str, key: str, expr: str | None, unit: str, direction: str
) -> None:
    _, sec = spec.section(section)
    metric = sec.metric(key)
    assert (metric.unit, metric.direction) == (unit, direction)
    if expr is None:
        assert metric.expr is None
    else:
        assert metric.expr is not None
        assert same_expr(metric.expr, expr), metric.expr


def test_growth_has_no_n1_value(spec: Spec) -> None:
    _, products = spec.section("products")
    assert products.metric("growth").periods == ("objective", "result")


@pytest.mark.parametrize("key", list(FUNNEL))
def test_funnel_definition(spec: Spec, key: str) -> None:
    _, funnel = spec.section("funnel")
    field = funnel.field(key)
    assert field.type == "integer"
    assert same_expr(field.expr or "", FUNNEL[key])


def test_funnel_budget_follows_from_the_cost_per_client(spec: Spec) -> None:
    _, funnel = spec.section("funnel")
    assert same_expr(funnel.field("acquisition_budget").expr or "", "clients * cost_per_client")


def test_ratios_are_computed_from_counts_in_totals(spec: Spec) -> None:
    # A ratio is never summed: every metric with an expression is computed on the total too.
    for sheet in spec.sheets:
        for section in sheet.sections:
            for metric in section.metrics:
                if metric.unit == "percent" and not metric.computed:
                    assert metric.aggregate == "input", (section.key, metric.key)


def test_metric_directions_and_units_are_known(spec: Spec) -> None:
    metrics = [m for s in spec.sheets for sec in s.sections for m in sec.metrics]
    assert len(metrics) > len(KPIS)
    assert {m.direction for m in metrics} == {"up", "down", "none"}
    assert {m.unit for m in metrics} <= set(spec.labels["unit_labels"])


def test_direction_labels(spec: Spec) -> None:
    labels = spec.labels["direction_labels"]
    assert labels["up"] == Text("Hausse", "Up")
    assert labels["down"] == Text("Baisse", "Down")
    assert labels["none"] == Text("—", "—")


# -- lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(LISTS_FR))
def test_list_values_in_french(spec: Spec, key: str) -> None:
    assert [v.fr for v in spec.list(key).values] == LISTS_FR[key]


def test_decisions_offer_keep_stop_start(spec: Spec) -> None:
    values = [v.fr for v in spec.list("decisions").values]
    assert values[:3] == ["À poursuivre", "À arrêter", "À commencer"]


def test_lists_have_unique_valid_names(spec: Spec) -> None:
    names = [lst.name for lst in spec.lists]
    assert len(set(names)) == len(names)
    assert all(DEFINED_NAME.match(n) and n.startswith("L_") for n in names)
    assert spec.list("categories").spare == 15
    assert spec.list("statuses").spare == 0


def test_fifteen_bpi_families_prefill_the_action_grid(spec: Spec) -> None:
    families = spec.list("families").values
    assert len(families) == 15
    assert families[0] == Text("Études de marché", "Market studies")
    assert families[14] == Text("Suivi commercial (CRM)", "Sales tracking (CRM)")
    _, actions = spec.section("actions")
    assert len(actions.prefill) == 15
    assert [row["family"] for row in actions.prefill] == list(range(15))
    levers = len(spec.list("levers").values)
    assert all(0 <= row["lever"] < levers for row in actions.prefill)
    assert all(len(row["action"]) == 2 and len(row["phases"]) == 2 for row in actions.prefill)


def test_gap_status_words(spec: Spec) -> None:
    status = spec.labels["gap_status"]
    assert [status[k].fr for k in ("met", "near", "missed", "missing", "qualitative")] == [
        "Atteint",
        "Proche",
        "Non atteint",
        "Non renseigné",
        "Qualitatif",
    ]


# -- the checker -----------------------------------------------------------------------------


def replace_section(spec: Spec, key: str, /, **changes: Any) -> Spec:
    sheets = tuple(
        dataclasses.replace(
            sheet,
            sections=tuple(
                dataclasses.replace(s, **changes) if s.key == key else s for s in sheet.sections
            ),
        )
        for sheet in spec.sheets
    )
    return dataclasses.replace(spec, sheets=sheets)


def replace_column(spec: Spec, section: str, key: str, /, **changes: Any) -> Spec:
    _, sec = spec.section(section)
    cols = tuple(dataclasses.replace(c, **changes) if c.key == key else c for c in sec.columns)
    return replace_section(spec, section, columns=cols)


def replace_metric(spec: Spec, section: str, key: str, /, **changes: Any) -> Spec:
    _, sec = spec.section(section)
    metrics = tuple(dataclasses.replace(m, **changes) if m.key == key else m for m in sec.metrics)
    return replace_section(spec, section, metrics=metrics)


def replace_field(spec: Spec, section: str, key: str, /, **changes: Any) -> Spec:
    _, sec = spec.section(section)
    fields = tuple(dataclasses.replace(f, **changes) if f.key == key else f for f in sec.fields)
    return replace_section(spec, section, fields=fields)


def rename_sheet(spec: Spec, key: str, name: Text) -> Spec:
    sheets = tuple(dataclasses.replace(s, name=name) if s.key == key else s for s in spec.sheets)
    return dataclasses.replace(spec, sheets=sheets)


def test_check_accepts_the_shipped_description(spec: Spec) -> None:
    check_spec(spec)


BROKEN = {
    "unknown list": (
        lambda s: replace_column(s, "actions", "channel", list="canaux"),
        "unknown list",
    ),
    "unknown expr name in a column": (
        lambda s: replace_column(s, "actions", "budget_gap", expr="spent - budjet"),
        "names unknown 'budjet'",
    ),
    "unknown expr name in a metric": (
        lambda s: replace_metric(s, "products", "win_ratio", expr="sales / oportunities"),
        "names unknown 'oportunities'",
    ),
    "unknown n1 name": (
        lambda s: replace_metric(s, "products", "growth", expr="revenue / n1.revnue - 1"),
        "names unknown 'n1.revnue'",
    ),
    "n1 operand outside a KPI section": (
        lambda s: replace_column(s, "actions", "budget_gap", expr="n1.spent - budget"),
        "names unknown 'n1.spent'",
    ),
    "unknown expr name in a field": (
        lambda s: replace_field(s, "funnel", "sql", expr="ceil(client / sql_to_client)"),
        "names unknown 'client'",
    ),
    "expression outside the grammar": (
        lambda s: replace_metric(s, "campaigns", "open_rate", expr="opens ** delivered"),
        "unsupported expression part",
    ),
    "duplicate section key": (
        lambda s: replace_section(s, "swot", key="review"),
        "duplicate section key 'review'",
    ),
    "duplicate column key": (
        lambda s: replace_column(s, "swot", "threats", key="strengths"),
        "duplicate column",
    ),
    "unknown unit": (
        lambda s: replace_metric(s, "sources", "leads", unit="euros"),
        "unknown unit 'euros'",
    ),
    "unknown direction": (
        lambda s: replace_metric(s, "sources", "leads", direction="high"),
        "unknown direction 'high'",
    ),
    "unknown column type": (
        lambda s: replace_column(s, "review", "cost", type="currency"),
        "unknown type 'currency'",
    ),
    "bad defined name": (
        lambda s: replace_field(s, "params", "company", name="P Entreprise"),
        "bad or duplicate defined name 'P Entreprise'",
    ),
    "name starting with a digit": (
        lambda s: replace_field(s, "params", "company", name="1_Entreprise"),
        "bad or duplicate defined name",
    ),
    "duplicate defined name": (
        lambda s: replace_field(s, "params", "company", name="P_Exercice"),
        "bad or duplicate defined name 'P_Exercice'",
    ),
    "field named like a list": (
        lambda s: replace_field(s, "params", "company", name="L_Canaux"),
        "bad or duplicate defined name 'L_Canaux'",
    ),
    "French sheet name over 31": (
        lambda s: rename_sheet(s, "budget", Text("B" * 32, "Budget")),
        "at most 31",
    ),
    "English sheet name over 31": (
        lambda s: rename_sheet(s, "budget", Text("Budget", "B" * 32)),
        "at most 31",
    ),
    "straight quote": (
        lambda s: rename_sheet(s, "plan", Text("Plan d'actions", "Action plan")),
        "no straight quote",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_check_rejects_a_broken_description(spec: Spec, case: str) -> None:
    breaker, message = BROKEN[case]
    with pytest.raises(SpecError, match=re.escape(message)):
        check_spec(breaker(spec))


def test_a_31_character_sheet_name_is_accepted(spec: Spec) -> None:
    check_spec(rename_sheet(spec, "budget", Text("B" * 31, "C" * 31)))


def test_unknown_toml_key_is_refused() -> None:
    data = {"key": "budget", "header": ["Budget", "Budget"], "type": "money", "colour": "red"}
    with pytest.raises(SpecError, match=r"sheets/06_plan.toml: unknown key\(s\) \['colour'\]"):
        _build(Column, data, "sheets/06_plan.toml", header=text)


def test_unknown_metric_key_is_refused() -> None:
    data = {"key": "x", "label": "X", "unit": "integer", "direction": "up", "sens": "up"}
    with pytest.raises(SpecError, match=r"unknown key\(s\) \['sens'\] for Metric"):
        _build(Metric, data, "here", label=text)


def test_build_converts_labels() -> None:
    col = _build(Column, {"key": "k", "header": ["Clé", "Key"]}, "here", header=text)
    assert col == Column(key="k", header=Text("Clé", "Key"))


@pytest.mark.parametrize("value", [["only one"], ["a", "b", "c"], 3, None])
def test_a_label_is_a_string_or_a_pair(value: Any) -> None:
    with pytest.raises(SpecError, match="a label must be a string or a"):
        text(value)


def test_text_picks_the_language() -> None:
    label = text(["Début", "Start"])
    assert (label("fr"), label("en")) == ("Début", "Start")
    assert text("SEO") == Text("SEO", "SEO")
