"""Several analyses as one: the consolidation of many PAC workbooks.

    analyses = [pacxl.analyse(pacxl.read_workbook(p)) for p in paths]
    total = consolidate(analyses)            # an Analysis like any other
    total.sources                           # one row per workbook, for the comparison

The result is an :class:`~pacxl.ecarts.model.Analysis`, so every report writer takes it.
What changes from one workbook:

- ``sources``: one row per workbook, in the given order: ``source`` (its label), ``path,
  company, year, as_of``, ``objectives`` and their ``met, near, missed, missing`` counts,
  ``actions, late, overspent``, ``budget, spent, consumed`` (the *Budget* totals),
  ``errors, warnings`` (data quality).
- Row frames (``objectives, actions, kpis, scorecard, budget_lines, budget_blocks,
  budget_phased, suggestions, quality``) are the workbooks' rows one after the other, each
  row as its own analysis computed it, behind a leading ``source`` column. In ``quality``
  the column that said where an item comes from (analysis or import) is renamed ``origin``.
- ``by``: ``category, lever, owner, channel, quarter, month`` are grouped again over every
  action (groups in the first workbook's order, then the new values of the next ones, the
  actions without value last), so each adds up to the whole; ``objective`` (an «O1» means
  something else in each plan) and ``source`` (the lead sources, whose ratios cannot be
  added) stay per workbook, behind a ``source`` column.
- ``budget_months`` and ``budget_quarters`` add up the planned budget of the same calendar
  month. Months are counted from the earliest fiscal year's first month, so plans on the
  same fiscal year keep their twelve months and four quarters; a quarter is labelled with
  its months when the fiscal years differ.
- ``burn`` and ``summary`` are recomputed from the added figures; ``elapsed`` is the
  budget-weighted share of the year elapsed (the common one when they agree), so that
  ``consumed − elapsed`` compares what was spent with what the budgets made due.
- Plain attributes: ``as_of`` the latest review date (``as_of_source`` is that workbook's),
  ``fiscal_start`` the earliest, ``fiscal_end`` the latest; ``company`` the companies (up to
  three) or «N classeurs»; ``year``, ``tolerance``, ``lang`` when they agree (else None,
  NaN, the first workbook's); ``path`` is ""; ``sheets`` the first workbook's.

Currencies: amounts of different currencies are never added. The consolidation's
``currency`` is the one most workbooks use (the first one's on a tie); a workbook in another
currency keeps its rows and its counts, but its amounts are left out of every total
(``summary``, ``burn``, ``budget_months``, ``budget_quarters``, the groups' budget and spent),
and a ``consolidate_currency`` warning in ``quality`` says so.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

from ..messages import message
from .aggregate import DIMENSIONS, counts, grouped
from .budget import burn_rates, months_frame
from .model import Analysis
from .parts import PER_SOURCE, REGROUPED, ROWS, Head, Part, joined, pack
from .prorata import month_start
from .summary import summarise

__all__ = ["ROWS", "consolidate", "merge", "source_labels"]

AMOUNTS = ("budget", "spent")  # what a workbook in another currency keeps out of the totals
STATUSES = ("met", "near", "missed", "missing")
COMPANIES = 3  # the most company names the consolidation's «company» lists


def consolidate(analyses: Sequence[Analysis], labels: Sequence[str] | None = None, *,
                lang: str | None = None) -> Analysis:
    """One analysis of several workbooks' analyses (see the module's docstring).

    Args:
        analyses: the analyses, each of one workbook, in the order the report lists them.
        labels: what names each workbook in the ``source`` columns; by default its file name,
            with as many parent folders as it takes to tell two apart. Repeated labels get
            « (2) », « (3) ».
        lang: the language of the texts the consolidation adds (by default the analyses'
            message language when they share one, else French).

    Raises:
        ValueError: no analysis, as many labels as analyses, or an analysis that is itself
            a consolidation.
    """
    if not analyses:
        raise ValueError("consolidate() needs at least one analysis")
    return merge([pack(analyses)], labels, lang=lang)


def merge(parts: Sequence[Part], labels: Sequence[str] | None = None, *,
          lang: str | None = None) -> Analysis:
    """:func:`consolidate` of the analyses packed in ``parts`` (:func:`~.parts.pack`), in
    order: what a batch does with the parts its workers send."""
    heads = [head for part in parts for head in part.heads]
    if not heads:
        raise ValueError("consolidate() needs at least one analysis")
    if labels is not None and len(labels) != len(heads):
        raise ValueError(f"{len(labels)} labels for {len(heads)} analyses")
    keys = numbered(list(labels)) if labels is not None else source_labels(
        [h.path for h in heads])
    lang = lang or _common([h.messages_lang for h in heads], "fr")
    currency = _reference_currency(heads)
    counted = [h.currency == currency for h in heads]
    frames = joined(parts, keys)
    frames["quality"] = _currency_warnings(frames["quality"], heads, keys, currency, lang)
    per_source = {name: frames.pop(f"by_{name}") for name in PER_SOURCE}
    months = budget_months(heads, counted)
    quarters = budget_quarters(months, heads)
    elapsed = _elapsed(heads, counted)
    burn = _burn(heads, counted, elapsed)
    latest = max(heads, key=lambda h: h.as_of)
    return Analysis(
        as_of=latest.as_of, as_of_source=latest.as_of_source,
        fiscal_start=min(h.fiscal_start for h in heads),
        fiscal_end=max(h.fiscal_end for h in heads),
        elapsed=elapsed, tolerance=_common([h.tolerance for h in heads], math.nan),
        lang=_common([h.lang for h in heads], heads[0].lang), messages_lang=lang,
        path="", company=_company(heads, lang),
        year=_common([h.year for h in heads], None), currency=currency,
        sheets=dict(heads[0].sheets), budget_months=months, budget_quarters=quarters,
        burn=burn, by=_by(heads, counted, frames["actions"], months, quarters, per_source,
                          lang),
        summary=summarise(frames["objectives"], frames["actions"], frames["kpis"],
                          _total_block(heads, counted), burn, frames["suggestions"],
                          frames["quality"]),
        sources=sources_frame(heads, keys), **frames,
    )


# -- labels ------------------------------------------------------------------------------------


def source_labels(paths: Sequence[str]) -> list[str]:
    """File names, with parent folders added where two names clash (``a/plan.xlsx``)."""
    named = {parts: 1 for parts in map(_parts, paths)}  # each path once, then its depth
    while True:
        labels = {p: "/".join(p[-d:]) for p, d in named.items()}
        counts = Counter(labels.values())
        grow = [p for p, label in labels.items() if counts[label] > 1 and named[p] < len(p)]
        if not grow:
            return numbered([labels[_parts(path)] for path in paths])
        for parts in grow:
            named[parts] += 1


def _parts(path: str) -> tuple[str, ...]:
    pure = PurePath(path)
    parts = pure.parts[1:] if pure.anchor else pure.parts
    return parts or (str(path),)


def numbered(labels: list[str]) -> list[str]:
    """The labels, each repeated one numbered « (2) », « (3) »… so that all differ."""
    seen: set[str] = set()
    out = []
    for label in labels:
        unique, n = label, 1
        while unique in seen:
            n += 1
            unique = f"{label} ({n})"
        seen.add(unique)
        out.append(unique)
    return out


# -- data quality: amounts left out ---------------------------------------------------------


def _currency_warnings(frame: pd.DataFrame, heads: Sequence[Head],
                       keys: Sequence[str], currency: str, lang: str) -> pd.DataFrame:
    """The data-quality rows, then a warning per workbook whose amounts are left out of the
    totals for their currency."""
    extra = [{"source": key, "code": "consolidate_currency", "severity": "warning",
              "origin": "analysis", "value": h.currency,
              "message": message("consolidate_currency", lang, source=key,
                                 currency=h.currency, reference=currency)}
             for h, key in zip(heads, keys, strict=True) if h.currency != currency]
    if not extra:
        return frame
    added = pd.DataFrame.from_records(extra).reindex(columns=frame.columns)
    return pd.concat([frame, added.astype(frame.dtypes.to_dict())], ignore_index=True)


# -- plain attributes --------------------------------------------------------------------------


def _common(values: Sequence[Any], otherwise: Any) -> Any:
    """The value they all share, else ``otherwise``."""
    first = values[0]
    same = all(v == first or (_missing(v) and _missing(first)) for v in values)
    return first if same else otherwise


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _reference_currency(heads: Sequence[Head]) -> str:
    counts = Counter(h.currency for h in heads)
    return max(counts, key=lambda c: counts[c])  # the first one met wins a tie


def _company(heads: Sequence[Head], lang: str) -> str | None:
    names = list(dict.fromkeys(h.company for h in heads))
    if len(names) == 1:
        return names[0]
    if None not in names and len(names) <= COMPANIES:
        return ", ".join(names)
    return message("consolidate_company", lang, count=len(heads))


def _elapsed(heads: Sequence[Head], counted: Sequence[bool]) -> float:
    """The share of the year elapsed: the common one, else weighted by the budgets."""
    shares = [h.elapsed for h in heads]
    if len(set(shares)) == 1:
        return shares[0]
    weights = [float(h.summary["budget"]["budget"]) if c else 0.0
               for h, c in zip(heads, counted, strict=True)]
    if sum(weights) <= 0:
        return sum(shares) / len(shares)
    return sum(w * s for w, s in zip(weights, shares, strict=True)) / sum(weights)


# -- money: budget months, burn, the total block -----------------------------------------------


def _offsets(heads: Sequence[Head]) -> tuple[Any, list[int]]:
    """The earliest first fiscal month, and each workbook's months after it."""
    firsts = [h.first_month for h in heads]
    first = min(firsts)
    return first, [(f.year - first.year) * 12 + f.month - first.month for f in firsts]


def budget_months(heads: Sequence[Head], counted: Sequence[bool]) -> pd.DataFrame:
    """The planned budget of every calendar month, added up over the workbooks."""
    first, offsets = _offsets(heads)
    size = max(o + len(h.planned) for h, o in zip(heads, offsets, strict=True))
    planned = np.zeros(size)
    for h, offset, count in zip(heads, offsets, counted, strict=True):
        if count:
            values = np.array(h.planned, dtype=float)
            planned[offset:offset + len(values)] += values
    starts = [month_start(first.date(), i) for i in range(size)]
    return months_frame(starts, planned.tolist(), max(h.as_of for h in heads))


def budget_quarters(months: pd.DataFrame, heads: Sequence[Head]) -> pd.DataFrame:
    """The planned budget of every quarter of the consolidated months."""
    planned = months.groupby("quarter", sort=True)["planned"].sum()
    frame = pd.DataFrame({"quarter": pd.array(planned.index, dtype="Int64"),
                          "label": pd.array(_quarter_labels(months, heads), dtype="string"),
                          "planned": pd.array(planned.to_numpy(float), dtype="Float64")})
    frame["cumulative"] = frame["planned"].cumsum()
    return frame


def _quarter_labels(months: pd.DataFrame, heads: Sequence[Head]) -> list[str]:
    # the workbooks' own «T1»… when they share the fiscal year, else the quarter's months
    if set(_offsets(heads)[1]) == {0}:
        return list(heads[0].quarter_labels)
    spans = months.groupby("quarter", sort=True)["label"].agg(["first", "last"])
    return [f"{first} – {last}" for first, last in spans.itertuples(index=False)]


def _sum(values: Sequence[Any]) -> float | None:
    """The sum of the figures present; None when none is."""
    present = [float(v) for v in values if v is not None and not pd.isna(v)]
    return sum(present) if present else None


def _div(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _burn(heads: Sequence[Head], counted: Sequence[bool], elapsed: float) -> dict:
    """The burn rate and budgeting methods of the added figures."""
    kept = [h.burn for h, c in zip(heads, counted, strict=True) if c]

    def total(key: str) -> float | None:
        return _sum([b[key] for b in kept])

    actions_budget = total("actions_budget") or 0.0
    return {
        **burn_rates(total("budget"), total("spent"), elapsed, actions_budget,
                     total("actions_spent") or 0.0),
        "planned_to_date": total("planned_to_date") or 0.0,
        "scheduled": total("scheduled") or 0.0, "unscheduled": total("unscheduled") or 0.0,
        "bottom_up": actions_budget,
        "renewal_rate": _common([h.burn["renewal_rate"] for h in heads], None),
        "renewal": total("renewal"),
        "envelope_rate": _common([h.burn["envelope_rate"] for h in heads], None),
        "envelope": total("envelope"), "retained": total("retained"),
    }


def _total_block(heads: Sequence[Head], counted: Sequence[bool]) -> pd.DataFrame:
    """The «total» row of *Budget* added up, as :func:`summarise` reads it."""
    totals = [h.summary["budget"] for h, c in zip(heads, counted, strict=True) if c]
    sums = {k: sum(float(t[k]) for t in totals) for k in ("n1", "budget", "spent")}
    consumed = _div(sums["spent"], sums["budget"])
    return pd.DataFrame({"block": ["total"], **{k: [v] for k, v in sums.items()},
                         "consumed": pd.array([consumed], dtype="Float64")})


# -- the groupings ------------------------------------------------------------------------------


def _by(heads: Sequence[Head], counted: Sequence[bool], actions: pd.DataFrame,
        months: pd.DataFrame, quarters: pd.DataFrame, per_source: dict[str, pd.DataFrame],
        lang: str) -> dict[str, pd.DataFrame]:
    """Every grouping: again over all the actions, or per workbook (objectives, leads)."""
    sizes = [h.actions for h in heads]
    measures = counts(actions)
    left_out = np.repeat(~np.array(counted, dtype=bool), sizes)
    for name in AMOUNTS:
        measures[name][left_out] = 0.0
    by = dict(per_source)
    for name in REGROUPED:
        column = DIMENSIONS[name][0]
        order = list(dict.fromkeys(v for h in heads for v in h.orders[name]))
        by[name] = grouped(measures, actions[column].astype("string"), order, column, order,
                           message("analysis_group_empty", lang), "string")
    shift = np.repeat(np.array(_offsets(heads)[1]), sizes)
    month = actions["month"] + pd.array(shift, dtype="Int64")
    undated = message("analysis_group_undated", lang)
    by["quarter"] = grouped(measures, (month - 1) // 3 + 1, list(quarters["quarter"]), "quarter",
                            list(quarters["label"]), undated, "Int64")
    by["month"] = grouped(measures, month, list(months["month"]), "month", list(months["label"]),
                          undated, "Int64")
    return {name: by[name] for name in heads[0].by_names}


# -- one row per workbook ------------------------------------------------------------------------


def sources_frame(heads: Sequence[Head], keys: Sequence[str]) -> pd.DataFrame:
    """One row per workbook: who, when, and its headline figures."""
    rows = [_source_row(h, key) for h, key in zip(heads, keys, strict=True)]
    frame = pd.DataFrame.from_records(rows, columns=list(SOURCE_DTYPES))
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[s]")
    return frame.astype(SOURCE_DTYPES)


SOURCE_DTYPES = {
    "source": "string", "path": "string", "company": "string", "year": "Int64",
    "as_of": "datetime64[s]", "objectives": "Int64", **dict.fromkeys(STATUSES, "Int64"),
    "actions": "Int64", "late": "Int64", "overspent": "Int64", "budget": "Float64",
    "spent": "Float64", "consumed": "Float64", "errors": "Int64", "warnings": "Int64",
}


def _source_row(h: Head, key: str) -> dict[str, Any]:
    s = h.summary
    return {"source": key, "path": h.path, "company": h.company, "year": h.year,
            "as_of": pd.Timestamp(h.as_of), "objectives": s["objectives"]["total"],
            **{k: s["objectives"][k] for k in STATUSES}, "actions": s["actions"]["total"],
            "late": s["late"], "overspent": s["overspent"], "budget": s["budget"]["budget"],
            "spent": s["budget"]["spent"], "consumed": s["budget"]["consumed"],
            "errors": s["quality"]["error"], "warnings": s["quality"]["warning"]}
