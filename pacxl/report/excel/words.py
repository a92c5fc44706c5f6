"""The words of the Excel report, in the language of the analysis's messages.

Sheet names, column headings and figure labels come from the message catalogue: the
``report_*`` entries the other reports share, and ``excel_*`` entries for the rest; status,
progress and budgeting method words come from the workbook description, so the report says
what the workbook says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ...ecarts.vocab import PROGRESS_KEYS, STATUS_KEYS
from ...messages import message
from ...spec import load_spec
from ..text import columns, kinds, severities, word_list

SHEETS = ("summary", "objectives", "actions", "kpis", "budget", "groupings", "lead_sources",
          "suggestions", "quality", "sources")  # in the report's order
LISTED_SHEETS = tuple(k for k in SHEETS if k != "lead_sources")  # the words of excel_sheets
EXTRA_COLUMNS = ("category", "lever", "channel", "start", "deadline", "gap_pct",
                 "status_to_date", "target_to_date", "gap_to_date", "actions_budget",
                 "actions_spent", "comment", "tab", "lines", "item", "due", "grouping", "group",
                 "kind", "subject", "title", "reason", "origin", "value")
FIGURES = ("company", "year", "review", "fiscal_start", "fiscal_end", "elapsed", "objectives",
           "actions", "actions_to_date", "kpis", "kpis_to_date", "late", "overspent", "budget",
           "spent", "consumed", "pace", "variance", "actions_budget", "actions_spent",
           "actions_consumed", "planned_to_date", "scheduled", "unscheduled", "errors",
           "warnings")
COUNTS = (*STATUS_KEYS, "unmeasured", "total")  # the columns of a count per status
GROUPS = ("category", "lever", "owner", "channel", "objective", "quarter", "month")
WORDS = ("yes", "analysis", "import")
SECTIONS = ("blocks", "burn", "lines")
CHARTS = ("objectives", "budget", "months", "count", "sources")
METHODS = ("renewal_rate", "renewal", "envelope_rate", "envelope", "bottom_up", "retained")


@dataclass(frozen=True)
class Words:
    """Every word the report writes that is not the user's."""

    lang: str
    sheets: dict[str, str]
    columns: dict[str, str]  # report_columns, report_columns_more and excel_columns, by key
    figures: dict[str, str]
    counts: dict[str, str]  # status keys, «unmeasured» and «total»
    progress: dict[str, str]  # progress keys (todo, doing…) → the list's word
    groups: dict[str, str]  # the groupings of the actions (category, lever…)
    kinds: dict[str, str]  # keep, review, stop, start
    severities: dict[str, str]  # error, warning
    words: dict[str, str]
    sections: dict[str, str]  # the tables of the budget sheet
    charts: dict[str, str]
    methods: dict[str, str]  # the budgeting methods of the Budget sheet

    def sep(self) -> str:
        """The colon of the language: « : » in French, «: » in English."""
        return "\u00a0: " if self.lang == "fr" else ": "


@cache
def report_words(lang: str) -> Words:
    """The words of the report in ``lang`` ("fr" or "en")."""
    spec = load_spec()
    statuses = spec.list("statuses").values
    _, methods = spec.section("methods")
    headings = columns(lang) | word_list("excel_columns", lang, EXTRA_COLUMNS)
    return Words(
        lang=lang,
        sheets=word_list("excel_sheets", lang, LISTED_SHEETS)
        | {"lead_sources": message("excel_sheet_lead_sources", lang)},
        columns=headings,
        figures=word_list("excel_figures", lang, FIGURES),
        counts={k: spec.label("gap_status", k)(lang) for k in STATUS_KEYS}
        | {"unmeasured": message("report_unmeasured", lang), "total": headings["total"]},
        progress={k: statuses[i](lang) for i, k in enumerate(PROGRESS_KEYS)},
        groups=word_list("report_groups", lang, GROUPS),
        kinds=kinds(lang),
        severities=severities(lang),
        words=word_list("excel_words", lang, WORDS),
        sections=word_list("excel_sections", lang, SECTIONS)
        | {"months": message("report_months", lang),
           "quarters": message("report_quarters", lang)},
        charts=word_list("excel_charts", lang, CHARTS),
        methods={k: methods.field(k).label(lang) for k in METHODS},
    )


def status_keys(lang: str) -> dict[str, str]:
    """The workbook's status words in ``lang``, case-folded, → status key."""
    spec = load_spec()
    return {spec.label("gap_status", k)(lang).casefold(): k for k in STATUS_KEYS}
