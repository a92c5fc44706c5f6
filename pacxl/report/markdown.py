"""The analysis as a readable Markdown report, in the language of its messages.

Sections: title, headline figures, the comparison of the source workbooks (a consolidation),
objectives, late actions, actions over budget, KPI totals per tab, budget blocks, burn rate
and monthly phasing, the actions grouped (category, lever, owner, channel, objective,
quarter, month, lead sources), keep / review / stop / start suggestions with their reasons,
the gap analysis typed in the plan, data quality. The rows and columns are those of
:mod:`pacxl.report.views`, shared with the HTML page. Every piece of user text goes through
:func:`~pacxl.report.text.escape`: it can neither become markup nor HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..messages import message
from . import figures as fig
from . import views
from .text import escape, table


def render_markdown(analysis: Any) -> str:
    """The Markdown text of the report."""
    a, lang = analysis, analysis.messages_lang
    compared = views.comparison(a)
    parts = [_title(a, lang), _headline(a, lang),
             *([_table(compared, lang)] if compared else []),
             *(_table(t, lang) for t in (views.objectives(a), views.late(a),
                                         views.overspent(a))),
             _kpis(a, lang), _budget(a, lang), _groups(a, lang), _suggestions(a, lang),
             _table(views.comments(a), lang), _table(views.quality(a), lang)]
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
    """«491 000 € dépensés sur 745 000 € (65,9 %) pour 49,6 % de l’exercice écoulé»."""
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


def _cell(cell: views.Cell) -> str:
    # the text, then the status word in brackets; «–» for an empty cell
    if cell.text and cell.status:
        return f"{escape(cell.text)} ({escape(cell.status)})"
    return escape(cell.text or cell.status or None)


def _table(t: views.Table, lang: str, level: int = 2) -> list[str]:
    rows = [[_cell(c) for c in row] for row in t.rows]
    body = table([escape(h) for h in t.head], rows) if rows else [message("report_none", lang)]
    return [f"{'#' * level} {escape(t.title)}", "", *body]


def _kpis(a: Any, lang: str) -> list[str]:
    lines = [f"## {message('report_kpis', lang)}"]
    for t in views.kpis(a):
        lines += ["", *_table(t, lang, 3)]
    return lines


def _budget(a: Any, lang: str) -> list[str]:
    return [*_table(views.budget_blocks(a), lang), "", views.pace(a), "",
            *_table(views.months(a), lang, 3), "", views.planned_to_date(a), "",
            *_table(views.quarters(a), lang, 3)]


def _groups(a: Any, lang: str) -> list[str]:
    lines = [f"## {message('report_groupings', lang)}"]
    for t in [*views.groups(a), views.lead_sources(a)]:
        lines += ["", *_table(t, lang, 3)]
    return lines


def _suggestions(a: Any, lang: str) -> list[str]:
    lines = [f"## {message('report_suggestions', lang)}"]
    for group in views.suggestions(a):
        lines += ["", f"### {group.title}", ""]
        lines += [f"- **{escape(label)}** — {escape(reason)}" for label, reason, _ in group.items]
    return lines
