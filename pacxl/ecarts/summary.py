"""The headline figures of an analysis: counts per status, budget totals, alerts."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .suggest import KINDS
from .vocab import STATUS_KEYS


def _counts(values: pd.Series, keys: tuple[str, ...]) -> dict[str, int]:
    found = values.value_counts()
    return {k: int(found.get(k, 0)) for k in keys}


def status_counts(keys: pd.Series) -> dict[str, int]:
    """How many rows have each status key; ``unmeasured`` counts those with no target and
    no result (an empty status), ``total`` every row."""
    found = keys.fillna("").value_counts()
    counts = {k: int(found.get(k, 0)) for k in STATUS_KEYS}
    counts["unmeasured"] = int(found.get("", 0))
    counts["total"] = len(keys)
    return counts


def summarise(objectives: pd.DataFrame, actions: pd.DataFrame, kpis: pd.DataFrame,
              blocks: pd.DataFrame, burn: dict[str, Any], suggestions: pd.DataFrame,
              quality: pd.DataFrame) -> dict[str, Any]:
    """The summary dict of :class:`~pacxl.ecarts.model.Analysis`."""
    headline = kpis[kpis["headline"].fillna(False).astype(bool)]
    total = blocks[blocks["block"] == "total"].iloc[0]
    return {
        "objectives": status_counts(objectives["status_key"]),
        "objectives_to_date": status_counts(objectives["status_to_date_key"]),
        "actions": status_counts(actions["status_key"]),
        "actions_to_date": status_counts(actions["status_to_date_key"]),
        "kpis": status_counts(headline["status_key"]),
        "kpis_to_date": status_counts(headline["status_to_date_key"]),
        "budget": {"n1": float(total["n1"]), "budget": float(total["budget"]),
                   "spent": float(total["spent"]),
                   "consumed": None if pd.isna(total["consumed"]) else float(total["consumed"])},
        "actions_budget": burn["actions_budget"], "actions_spent": burn["actions_spent"],
        "late": int(actions["late"].fillna(False).sum()),
        "overspent": int(actions["overspent"].fillna(False).sum()),
        "suggestions": _counts(suggestions["kind"], KINDS),
        "quality": _counts(quality["severity"], ("error", "warning")),
    }
