"""What the recalc tests type into the generated workbook, and the words it must show.

The inputs are chosen to hit the workbook's corners: empty and zero denominators, «Baisse»
metrics, late and cancelled actions, dates across the fiscal year, renamed KPI lines, the
examples of SO'xperts, Plezi and Neocamino. tests/recalc_model.py predicts every formula
cell from them, by hand; tests/recalc_books.py types them into a workbook.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date
YEAR = 2027
REVIEW = D(2027, 6, 30)  # the review date typed in Paramètres, and TODAY() of the cache
TOLERANCE = 0.1  # the default «Proche» tolerance
TEAM = "Alice:Directrice;Bob:Commercial"
LANGS = ("fr", "en")
PERIODS = ("n1", "objective", "result")

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
