"""The headline figures of an analysis: counts per status, budget totals, alerts.

The counts are taken with :class:`collections.Counter` over plain lists: a few hundred
values, for which a pandas ``value_counts`` costs far more than the counting itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .suggest import KINDS
from .vocab import STATUS_KEYS


def _counts(values: pd.Series, keys: Iterable[str]) -> dict[str, int]:
    found = Counter(values.tolist())
    return {k: found[k] for k in keys}


def status_counts(keys: pd.Series) -> dict[str, int]:
    """How many rows have each status key; ``unmeasured`` counts those with no target and
    no result (an empty status), ``total`` every row."""
    found = Counter(keys.to_numpy(object, na_value="").tolist())
    counts = {k: found[k] for k in STATUS_KEYS}
    counts["unmeasured"] = found[""]
    counts["total"] = len(keys)
    return counts


def _flags(column: pd.Series) -> np.ndarray:
    """A yes/no column as booleans, an empty cell as no."""
    return column.to_numpy(bool, na_value=False)


def _budget(blocks: pd.DataFrame) -> dict[str, float | None]:
    """The figures of the «total» block (its first row)."""
    row = int(np.flatnonzero(blocks["block"].to_numpy(object, na_value=None) == "total")[0])
    total = {k: blocks[k].array[row] for k in ("n1", "budget", "spent", "consumed")}
    return {"n1": float(total["n1"]), "budget": float(total["budget"]),
            "spent": float(total["spent"]),
            "consumed": None if pd.isna(total["consumed"]) else float(total["consumed"])}


def summarise(objectives: pd.DataFrame, actions: pd.DataFrame, kpis: pd.DataFrame,
              blocks: pd.DataFrame, burn: dict[str, Any], suggestions: pd.DataFrame,
              quality: pd.DataFrame) -> dict[str, Any]:
    """The summary dict of :class:`~pacxl.ecarts.model.Analysis`."""
    headline = _flags(kpis["headline"])
    return {
        "objectives": status_counts(objectives["status_key"]),
        "objectives_to_date": status_counts(objectives["status_to_date_key"]),
        "actions": status_counts(actions["status_key"]),
        "actions_to_date": status_counts(actions["status_to_date_key"]),
        "kpis": status_counts(kpis["status_key"][headline]),
        "kpis_to_date": status_counts(kpis["status_to_date_key"][headline]),
        "budget": _budget(blocks),
        "actions_budget": burn["actions_budget"], "actions_spent": burn["actions_spent"],
        "late": int(_flags(actions["late"]).sum()),
        "overspent": int(_flags(actions["overspent"]).sum()),
        "suggestions": _counts(suggestions["kind"], KINDS),
        "quality": _counts(quality["severity"], ("error", "warning")),
    }
