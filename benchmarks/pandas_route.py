"""``pandas.read_excel`` of every sheet: the route a user would take instead of pacxl.

``bench_check.py`` and ``bench_report.py`` time ``read_command`` (one whole process) against
pacxl, and first run ``read_counts`` to make sure that route reads what pacxl reads.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from filled_plans import plan_sheet
from processes import python

READ = "import sys, pandas as pd; pd.read_excel(sys.argv[1], sheet_name=None, engine={engine!r})"
# The same read, then what it found (argv: the workbook, the engine, the action plan's sheet).
COUNT = (
    "import json, sys, pandas as pd; "
    "books = pd.read_excel(sys.argv[1], sheet_name=None, engine=sys.argv[2]); "
    "plan = books[sys.argv[3]]; "
    "print(json.dumps([sorted(books), len(plan), int(plan.iloc[:, 1].notna().sum())]))"
)


def read_command(path: Path, engine: str) -> list[str]:
    """The timed command: read every sheet of ``path`` with ``engine``, nothing else."""
    return [sys.executable, "-c", READ.format(engine=engine), str(path)]


@dataclass
class Counts:
    """What pandas read of a filled plan."""

    sheets: list[str]  # the names of the sheets read
    rows: int  # the rows of the action plan sheet's frame
    actions: int  # its non-empty cells of the action column (with the title, header, total)


def read_counts(path: Path, engine: str) -> Counts | str:
    """What pandas reads of a filled plan with ``engine``; its error output if it fails."""
    done = python(["-c", COUNT, str(path), engine, plan_sheet()])
    if done.returncode != 0:
        return done.stderr
    return Counts(*json.loads(done.stdout.splitlines()[-1]))
