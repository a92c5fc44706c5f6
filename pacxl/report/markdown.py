"""The analysis as a readable Markdown report, in the language of its messages.

Sections: title, headline figures, objectives, late actions, actions over budget, KPI totals
per tab, budget blocks and burn rate, keep / review / stop / start suggestions with their
reasons, the gap analysis typed in the plan, data quality. Every piece of user text goes
through :func:`~pacxl.report.text.escape`: it can neither become markup nor HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..atomic import write_atomically
from ..messages import message
from . import figures as fig
from .text import KINDS, columns, escape, kinds, table


def render_markdown(analysis: Any) -> str:
    """The Markdown text of the report."""
    lang = analysis.messages_lang
    parts = [_title(analysis, lang), _headline(analysis, lang), _objectives(analysis, lang),
             _late(analysis, lang), _overspent(analysis, lang), _kpis(analysis, lang),
             _budget(analysis, lang), _suggestions(analysis, lang),
             _comments(analysis, lang), _quality(analysis, lang)]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


def write_markdown(analysis: Any, path: str | Path) -> None:
    """Write the Markdown report to ``path`` atomically."""
    text = render_markdown(analysis)
    write_atomically(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _title(a: Any, lang: str) -> list[str]:
    title = message("report_title", lang, year=a.year or "", company=escape(a.company))
    review = message("report_review", lang, date=fig.day(a.as_of, lang),
                     start=fig.day(a.fiscal_start, lang), end=fig.day(a.fiscal_end, lang),
                     elapsed=fig.percent(a.elapsed, lang))
    return [f"# {title}", "", review]


def counts(summary: dict[str, int], lang: str) -> str:
    """«7 au total : 0 atteint(s), 2 proche(s)…»."""
    return message("report_counts", lang, **summary)


def budget_line(a: Any, lang: str) -> str:
    budget = a.summary["budget"]
    return message("report_budget_line", lang, spent=fig.money(budget["spent"], lang, a.currency),
                   budget=fig.money(budget["budget"], lang, a.currency),
                   consumed=fig.percent(budget["consumed"], lang),
                   elapsed=fig.percent(a.elapsed, lang))


def _headline(a: Any, lang: str) -> list[str]:
    s = a.summary
    items = [
        (message("report_objectives", lang), counts(s["objectives"], lang)),
        (message("report_objectives_to_date", lang), counts(s["objectives_to_date"], lang)),
        (message("report_actions", lang), counts(s["actions"], lang) + " ; "
         + message("report_alerts", lang, late=s["late"], overspent=s["overspent"])),
        (message("report_budget", lang), budget_line(a, lang)),
        (message("report_suggestions", lang), message("report_suggestion_counts", lang,
                                                        **s["suggestions"])),
        (message("report_quality", lang), message("report_quality_counts", lang,
                                                    **s["quality"])),
    ]
    if lang == "en":
        items[2] = (items[2][0], items[2][1].replace(" ; ", "; "))
    sep = " : " if lang == "fr" else ": "
    return [f"## {message('report_headline', lang)}", ""] + [
        f"- **{name}**{sep}{text}" for name, text in items]


def _objective_value(row: Any, column: str, lang: str, currency: str) -> str:
    if row["rate"] is True:
        return fig.percent(row[column], lang)
    unit = row["unit"]
    if not fig.is_empty(unit) and str(unit) in ("€", "$", "£", "CHF", "CA$", "FCFA", "MAD"):
        return fig.money(row[column], lang, currency)
    return fig.number(row[column], lang, fig.decimals_of(row[column]))


def _objective_gap(row: Any, lang: str, currency: str) -> str:
    if row["rate"] is True:
        return fig.points(row["gap_points"], lang)
    if fig.is_empty(row["gap"]):
        return fig.DASH
    gap = _objective_value(row | {"rate": False, "g": row["gap"]}, "g", lang, currency)
    return gap if gap.startswith("-") else "+" + gap


def _objectives(a: Any, lang: str) -> list[str]:
    c = columns(lang)
    head = [c[k] for k in ("id", "objective", "target", "result", "gap", "status", "to_date")]
    rows = [[escape(r["id"]), escape(r["objective"]),
             _objective_value(r, "target", lang, a.currency),
             _objective_value(r, "result", lang, a.currency),
             _objective_gap(r, lang, a.currency), escape(r["status"]),
             escape(r["status_to_date"])] for r in _rows(a.objectives)]
    return _section(message("report_objectives", lang), head, rows, lang)


def _late(a: Any, lang: str) -> list[str]:
    c = columns(lang)
    head = [c[k] for k in ("id", "action", "owner", "end", "days_late", "progress")]
    rows = [[escape(r["id"]), escape(r["action"]), escape(r["owner"]), fig.day(r["end"], lang),
             fig.number(r["days_late"], lang), escape(r["progress"])]
            for r in _rows(a.actions, "late")]
    return _section(message("report_late", lang), head, rows, lang)


def _overspent(a: Any, lang: str) -> list[str]:
    c, cur = columns(lang), a.currency
    head = [c[k] for k in ("id", "action", "budget", "spent", "budget_gap", "consumed",
                           "analysis")]
    rows = [[escape(r["id"]), escape(r["action"]), fig.money(r["budget"], lang, cur),
             fig.money(r["spent"], lang, cur), fig.money(r["budget_gap"], lang, cur, sign=True),
             fig.percent(r["consumed"], lang), escape(r["analysis"])]
            for r in _rows(a.actions, "overspent")]
    return _section(message("report_overspent", lang), head, rows, lang)


def _kpis(a: Any, lang: str) -> list[str]:
    c = columns(lang)
    head = [c[k] for k in ("kpi", "line", "target_figure", "result", "gap", "status",
                           "to_date")]
    lines = [f"## {message('report_kpis', lang)}"]
    headline = a.kpis[a.kpis["headline"].fillna(False).astype(bool)]
    for sheet, group in headline.groupby("sheet", sort=False):
        rows = [[escape(r["label"]), escape(r["line"]),
                 fig.value(r["objective"], r["unit"], lang, a.currency),
                 fig.value(r["result"], r["unit"], lang, a.currency),
                 fig.gap(r, r["unit"], lang, a.currency), escape(r["status"]),
                 escape(r["status_to_date"])] for r in _rows(group)]
        lines += ["", f"### {escape(sheet)}", "", *table(head, rows)]
    return lines


def _budget(a: Any, lang: str) -> list[str]:
    c, cur = columns(lang), a.currency
    head = [c[k] for k in ("block", "n1", "budget", "spent", "budget_gap", "consumed")]
    rows = [[escape(r["label"]), fig.money(r["n1"], lang, cur), fig.money(r["budget"], lang, cur),
             fig.money(r["spent"], lang, cur), fig.money(r["gap"], lang, cur, sign=True),
             fig.percent(r["consumed"], lang)] for r in _rows(a.budget_blocks)]
    burn = a.burn
    pace = message("report_pace", lang, pace=fig.percent(burn["pace"], lang, 0),
                   consumed=fig.percent(burn["consumed"], lang),
                   elapsed=fig.percent(burn["elapsed"], lang),
                   variance=fig.points(_times100(burn["variance"]), lang))
    return [*_section(message("report_budget", lang), head, rows, lang), "", pace]


def _times100(value: Any) -> Any:
    return None if fig.is_empty(value) else float(value) * 100


def _suggestions(a: Any, lang: str) -> list[str]:
    names = kinds(lang)
    lines = [f"## {message('report_suggestions', lang)}"]
    for kind in KINDS:
        chosen = _rows(a.suggestions[a.suggestions["kind"] == kind])
        if not chosen:
            continue
        lines += ["", f"### {names[kind]}", ""]
        lines += [f"- **{_label(r)}** — {escape(r['reason'])}" for r in chosen]
    return lines


def _label(row: dict[str, Any]) -> str:
    title = escape(row["title"])
    return title if fig.is_empty(row["id"]) else f"{escape(row['id'])} {title}"


def _comments(a: Any, lang: str) -> list[str]:
    c = columns(lang)
    head = [c[k] for k in ("id", "action", "status", "decision", "analysis")]
    typed = a.actions[a.actions["analysis"].notna()]
    rows = [[escape(r["id"]), escape(r["action"]), escape(r["status"]), escape(r["decision"]),
             escape(r["analysis"])] for r in _rows(typed)]
    return _section(message("report_comments", lang), head, rows, lang)


def _quality(a: Any, lang: str) -> list[str]:
    c = columns(lang)
    head = [c[k] for k in ("severity", "cell", "message")]
    rows = [[escape(r["severity"]), escape(r["reference"]), escape(r["message"])]
            for r in _rows(a.quality)]
    return _section(message("report_quality", lang), head, rows, lang)


def _section(title: str, head: list[str], rows: list[list[str]], lang: str) -> list[str]:
    body = table(head, rows) if rows else [message("report_none", lang)]
    return [f"## {title}", "", *body]


def _rows(frame: pd.DataFrame, flag: str | None = None) -> list[dict[str, Any]]:
    if flag is not None:
        frame = frame[frame[flag].fillna(False).astype(bool)]
    return frame.to_dict("records")
