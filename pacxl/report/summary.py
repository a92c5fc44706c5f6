"""A short summary for the terminal (at most 20 lines): the headline figures and the three
suggestions that call for action first (stop, review, start, then keep). A consolidation
adds a line naming its workbooks (the first three) and tells each suggestion's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..atomic import write_atomically
from ..messages import message
from . import figures as fig
from .markdown import budget_line, counts
from .text import kinds

FIRST = ("stop", "review", "start", "keep")  # which suggestions the summary shows first
TOP = 3
NAMED = 3  # the workbooks of a consolidation named in its summary


def render_summary(analysis: Any, name: str | None = None) -> str:
    """The summary text; ``name`` (the workbook as the user named it) goes in the hint."""
    a, lang = analysis, analysis.messages_lang
    s, sep = a.summary, " : " if lang == "fr" else ": "
    title = message("report_summary_title", lang, company=a.company or "PAC", year=_year(a),
                    date=fig.day(a.as_of, lang))
    lines = [title, *_sources(a.sources, lang), *(f"{name}{sep}{text}" for name, text in (
        (message("report_objectives", lang), counts(s["objectives"], lang)),
        (message("report_objectives_to_date", lang), counts(s["objectives_to_date"], lang)),
        (message("report_actions", lang), message("report_alerts", lang, late=s["late"],
                                                    overspent=s["overspent"])),
        (message("report_budget", lang), budget_line(a, lang)),
        (message("report_quality", lang), message("report_quality_counts", lang,
                                                    **s["quality"])),
        (message("report_suggestions", lang), message("report_suggestion_counts", lang,
                                                        **s["suggestions"])),
    ))]
    return "\n".join(lines + _top(a.suggestions, lang, name or Path(a.path).name))


def _year(a: Any) -> str:
    # a consolidation over several fiscal years gives their span: «2026–2027»
    if a.year is not None or a.sources.empty:
        return str(a.year or "")
    years = a.sources["year"].dropna()
    return "" if years.empty else f"{years.min()}–{years.max()}"


def _sources(sources: pd.DataFrame, lang: str) -> list[str]:
    """«Classeurs : 3 — a.xlsx, b.xlsx, c.xlsx» for a consolidation; nothing for one."""
    if sources.empty:
        return []
    names = ", ".join(_one_line(s) for s in sources["source"].head(NAMED))
    if len(sources) > NAMED:
        names += " " + message("consolidate_more", lang, count=len(sources) - NAMED)
    sep = " : " if lang == "fr" else ": "
    return [f"{message('consolidate_sources', lang)}{sep}{fig.number(len(sources), lang)} — "
            f"{names}"]


def _top(suggestions: pd.DataFrame, lang: str, name: str) -> list[str]:
    names = kinds(lang)
    order = suggestions["kind"].map({k: i for i, k in enumerate(FIRST)})
    chosen = suggestions.assign(_order=order).sort_values("_order", kind="stable")
    sep = " : " if lang == "fr" else ": "
    lines = [f"  • {names[r['kind']]} — {_subject(r)}{sep}{_one_line(r['reason'])}"
             for r in chosen.head(TOP).to_dict("records")]
    if len(chosen) > TOP:
        lines.append(message("report_summary_more", lang, count=len(chosen) - TOP, name=name))
    return lines


def _subject(row: dict[str, Any]) -> str:
    title = _one_line(row["title"])
    subject = title if fig.is_empty(row["id"]) else f"{_one_line(row['id'])} {title}"
    source = row.get("source")  # a consolidation's workbook
    return subject if fig.is_empty(source) else f"{_one_line(source)} · {subject}"


def _one_line(value: Any) -> str:
    return fig.DASH if fig.is_empty(value) else " ".join(str(value).split())


def write_summary(analysis: Any, path: str | Path) -> None:
    """Write the summary to a text file atomically."""
    text = render_summary(analysis) + "\n"
    write_atomically(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
