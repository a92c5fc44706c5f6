"""Keep / review / stop / start: suggestions for next year's plan (Plezi's workshop).

One suggestion at most per action, the user's own decision first:

- «Décision N+1» typed: *À poursuivre* → keep, *À arrêter* → stop, *À commencer* →
  start, *À ajuster* → review;
- otherwise, from the results at the review date (``status_to_date``, which is the final
  status once the action is over): an action *Atteint* → keep; an action *Non atteint*
  that cost at least the median action budget, or that overspent, → review (costly and
  ineffective);
- every objective without any action → start (an objective nobody works on).

Each suggestion carries a short reason from the message catalogue (``analysis_*``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..messages import message
from .context import Ctx, truthy

KINDS = ("keep", "review", "stop", "start")
DECIDED = {"keep": "keep", "stop": "stop", "start": "start", "adjust": "review"}
COLUMNS = ["kind", "subject", "row", "id", "title", "status", "status_to_date", "decision",
           "budget", "spent", "code", "reason"]


def number(value: Any, lang: str, percent: bool = False) -> str:
    """A number as the user writes it: «1 234,5» or «12,5 %» in French, «1,234.5» or
    «12.5%» in English; «—» for an empty value."""
    if value is None or pd.isna(value):
        return "—"
    scaled = float(value) * 100 if percent else float(value)
    text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    if percent:
        text += "\u202f%" if lang == "fr" else "%"
    return text


def _action_suggestion(action: Any, median: float, ctx: Ctx) -> tuple[str, str] | None:
    """(kind, reason code) for one action, or None."""
    decision = action.decision_key
    if decision in DECIDED:
        return DECIDED[decision], f"{DECIDED[decision]}_decision"
    status = action.status_to_date_key
    if status == "met":
        return "keep", "keep_met"
    if status == "missed":
        if truthy(action.overspent):
            return "review", "review_overspent"
        budget = action.budget
        if not pd.isna(budget) and budget > 0 and budget >= median:
            return "review", "review_costly"
    return None


def _reason(code: str, row: Any, ctx: Ctx) -> str:
    lang, rate = ctx.lang, truthy(getattr(row, "rate", False))
    params = {
        "result": number(getattr(row, "result", None), lang, rate),
        "target": number(getattr(row, "target_to_date", None), lang, rate),
        "budget": number(getattr(row, "budget", None), lang),
        "spent": number(getattr(row, "spent", None), lang),
        "decision": "" if pd.isna(getattr(row, "decision", None)) else row.decision,
    }
    return message(f"analysis_{code}", lang, **params)


def suggestions(actions: pd.DataFrame, objectives: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    """The suggestions, keep first, then review, stop, start (see the module docstring)."""
    budgets = actions["budget"].dropna()
    budgets = budgets[budgets > 0]
    median = float(budgets.median()) if len(budgets) else float("inf")
    records = []
    for action in actions.itertuples(index=False):
        found = _action_suggestion(action, median, ctx)
        if found is not None:
            kind, code = found
            records.append(_record(kind, "action", action, action.action, code, ctx))
    for objective in objectives.itertuples(index=False):
        if objective.actions == 0:
            records.append(_record("start", "objective", objective, objective.objective,
                                   "start_objective", ctx))
    return _frame(records)


def _record(kind: str, subject: str, row: Any, title: Any, code: str,
            ctx: Ctx) -> dict[str, Any]:
    is_action = subject == "action"
    return {"kind": kind, "subject": subject, "row": row.row, "id": row.id, "title": title,
            "status": row.status, "status_to_date": row.status_to_date,
            "decision": row.decision if is_action else pd.NA,
            "budget": row.budget if is_action else pd.NA,
            "spent": row.spent if is_action else pd.NA,
            "code": f"analysis_{code}", "reason": _reason(code, row, ctx)}


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    frame = frame.astype({c: "string" for c in COLUMNS if c not in ("row", "budget", "spent")}
                         | {"row": "Int64", "budget": "Float64", "spent": "Float64"})
    order = frame["kind"].map({k: i for i, k in enumerate(KINDS)})
    frame = frame.assign(_k=order, _s=frame["subject"] != "action")
    return frame.sort_values(["_k", "_s", "row"], kind="stable").drop(
        columns=["_k", "_s"]).reset_index(drop=True)
