"""The tables and notes ``bench_check.py`` prints: time and memory of each workbook size.

Time: median and minimum wall-clock and median CPU seconds of each route, and pacxl ÷ each
pandas route. Memory: the peaks of ``pacxl check`` and of its forked parse, the tree's bound
and sampled total, and the largest process of each route's timed runs.
"""

from __future__ import annotations

import argparse

from check_routes import Size
from processes import Timings, bytecode_note, load_note, med, ratios, seconds, table, versions

MB = 1024 * 1024
TIME_HEADER = [
    "actions", "file MB", "runs", "pacxl med", "min", "cpu", "openpyxl med", "min", "cpu",
    "calamine med", "min", "cpu", "÷openpyxl med", "min", "cpu", "÷calamine med", "min", "cpu",
]  # fmt: skip
MEMORY_HEADER = [
    "actions", "pacxl parent", "child", "children", "bound", "sampled tree", "largest (runs)",
    "openpyxl", "calamine", "warnings",
]  # fmt: skip


def ratio(size: Size, route: str) -> float | None:
    """pacxl ÷ ``route`` of the wall-clock medians, if that route ran."""
    if route not in size.timings:
        return None
    return med(size.timings["pacxl"].wall) / med(size.timings[route].wall)


def _seconds(timings: Timings | None) -> list[str]:
    return ["—"] * 3 if timings is None else seconds(timings)


def _ratios(size: Size, route: str) -> list[str]:
    if route not in size.timings:
        return ["—"] * 3
    return ratios(size.timings["pacxl"], size.timings[route])


def _mb(kb: int | float | None) -> str:
    return "—" if kb is None else f"{kb / 1024:,.0f}"


def time_row(size: Size) -> list[str]:
    return [
        f"{size.actions:,}",
        f"{size.file_bytes / MB:.1f}",
        str(len(size.timings["pacxl"].wall)),
        *_seconds(size.timings.get("pacxl")),
        *_seconds(size.timings.get("openpyxl")),
        *_seconds(size.timings.get("calamine")),
        *_ratios(size, "openpyxl"),
        *_ratios(size, "calamine"),
    ]


def memory_row(size: Size) -> list[str]:
    found, runs = size.memory, size.timings
    rss = {name: med(t.rss_kb) if t.rss_kb else None for name, t in runs.items()}
    return [
        f"{size.actions:,}",
        _mb(found.parent_kb if found else None),
        _mb(found.child_kb if found else None),
        str(found.children) if found else "—",
        _mb(found.bound_kb if found else None),
        _mb(found.sampled_kb if found else None),
        _mb(rss.get("pacxl")),
        _mb(rss.get("openpyxl")),
        _mb(rss.get("calamine")),
        str(size.warnings),
    ]


def report(args: argparse.Namespace, sizes: dict[int, Size], calamine: bool,
           load_before: float) -> None:  # fmt: skip
    """Print both tables and their notes."""
    print("Time: seconds per whole process; ÷ = pacxl / pandas read_excel(sheet_name=None)")
    print(table(TIME_HEADER, [time_row(s) for s in sizes.values()]))
    print("\nMemory: peak resident set, MB")
    print(table(MEMORY_HEADER, [memory_row(s) for s in sizes.values()]))
    print(
        f"\n{versions('pandas', 'openpyxl', 'python-calamine')}; {bytecode_note()}\n"
        f"targets: ÷openpyxl med ≤ {args.max_ratio_openpyxl} at {args.openpyxl_actions:,} "
        f"actions; ÷calamine med ≤ {args.max_ratio_calamine} at {args.calamine_actions:,}; "
        f"bound ≤ {args.max_memory_mb:,.0f} MB at {args.memory_actions:,}\n"
        "memory: parent and (largest) child peaks from their rusage at exit; children = most "
        "forked parses alive at once; bound = parent + children × child, an upper bound (a "
        "child counts the pages it shares with the parent); sampled tree = largest sum of "
        "VmRSS seen in /proc every 2 ms; largest (runs) = median over the timed runs of the "
        "largest process's peak"
    )
    skipped = [f"{a:,}" for a in sizes if a > args.openpyxl_max]
    if skipped:
        print(f"openpyxl route skipped at {', '.join(skipped)} actions (--openpyxl-max "
              f"{args.openpyxl_max:,}): it takes too long")  # fmt: skip
    if not calamine:
        print("calamine route skipped: python-calamine is not installed")
    print(load_note(load_before))
