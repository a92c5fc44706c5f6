"""Workbooks for the report tests: the samples, and a plan whose user text is hostile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plans import make

D = dt.date
# what people (or attackers) type into cells that the reports echo
PAYLOADS = ("=cmd|' /C calc'!A0", "@SUM(1)", "+1-1", "-2+3", "<script>alert(1)</script>",
            "{{ 7*7 }}", "| pipe |")


def write_hostile(path: Path, lang: str = "fr") -> Path:
    """A filled plan whose action names, ANALYSE ÉCARTS texts and comments are payloads;
    every action is late (ended before the review date, not done) and over budget."""
    made = make(lang, company="<b>Evil</b> | {{ 7*7 }}")
    made.fill.field("params", "review_date", D(2027, 6, 30))
    for i, text in enumerate(PAYLOADS):
        made.fill.row("actions", i, action=text, analysis=text, owner=text, budget=100,
                      spent=150, start=D(2027, 1, 1), end=D(2027, 3, 31), target=10,
                      result=5)
        made.fill.row("smart", i, objective=text, indicator=text, target=10, result=5,
                      deadline=D(2027, 12, 31), comment=text)
    return made.write(path)
