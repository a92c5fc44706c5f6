"""Benchmark ``pacxl.xlsx.read_xlsx`` against python-calamine, pandas and openpyxl.

    python benchmarks/bench_read.py                      # 500, 10 000, 20 000 actions
    python benchmarks/bench_read.py --rows 500 --runs 3
    python benchmarks/bench_read.py --hostile            # the hostile corpus, timed

Workbooks are generated once into ``--cache`` (pacxl's own writer, every input column of the
action grid filled with Filler) and reused. Each measurement runs in a fresh process,
interleaved across readers; the table shows the median and the minimum of the read call
(imports excluded), the whole process, and the peak resident memory of the process (for
pacxl, also of its child). python-calamine and pandas are optional: missing ones are
skipped. The machine's load average is printed: on a busy machine, trust the minimums.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

READERS = ("pacxl", "pacxl-inprocess", "pacxl-skip", "calamine", "pandas-calamine", "openpyxl")
SKIPPED = ("Calendrier", "Tableau de bord")  # pacxl-skip: sheets computed from the others


def build(rows: int, path: Path) -> None:
    """A PAC workbook with ``rows`` action rows, every input column filled."""
    from pacxl.build import build_book
    from pacxl.fill import Filler, FillError
    from pacxl.generate import render
    from pacxl.options import new_options

    options = dataclasses.replace(new_options(year=2027), action_rows=rows)
    book = build_book(options)
    fill = Filler(book, options)
    start = dt.date(2027, 1, 1)
    for i in range(rows):
        values = {
            "action": f"Action n°{i} : salon régional", "phases": "Préparation", "family": "Salon",
            "objective_id": f"O{i % 9 + 1}", "category": "Événement", "lever": "Notoriété",
            "target_segment": "PME", "channel": "Salon", "priority": "Haute",
            "owner": f"Commercial {i % 17}", "budget": 1000 + i % 500 * 10, "spent": 900 + i % 7,
            "start": start + dt.timedelta(days=i % 300), "end": start + dt.timedelta(i % 300 + 30),
            "indicator": "Leads", "unit": "nombre", "direction": "Hausse", "target": 40,
            "result": i % 50, "progress": "En cours", "analysis": "RAS", "decision": "Reconduire",
        }  # fmt: skip
        for key, value in values.items():
            with contextlib.suppress(FillError):
                fill.row("actions", i, **{key: value})
    render(book, path, options, today=dt.date(2027, 6, 30))


def one(reader: str, path: str) -> dict:
    """Read ``path`` with ``reader`` in this process; timings and peak memory."""
    started = time.perf_counter()
    if reader.startswith("pacxl"):
        from pacxl.xlsx import sniff
        from pacxl.xlsx.reader import read_with_stats

        imported = time.perf_counter()
        wanted = None
        if reader == "pacxl-skip":  # the sheet names cost one look at the workbook part
            import zipfile

            names = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
            wanted = [n for n in _sheet_names(names) if n not in SKIPPED]
        book, stats = read_with_stats(path, isolate=reader != "pacxl-inprocess", sheets=wanted)
        cells, child_kb = sum(len(s.cells) for s in book.sheets), stats.child_peak_kb
        assert sniff(path) == "xlsx"
    elif reader == "calamine":
        import python_calamine

        imported = time.perf_counter()
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        cells = sum(
            len(r) for n in workbook.sheet_names for r in workbook.get_sheet_by_name(n).to_python()
        )
        child_kb = 0
    elif reader == "pandas-calamine":
        import pandas

        imported = time.perf_counter()
        frames = pandas.read_excel(path, sheet_name=None, engine="calamine", header=None)
        cells, child_kb = sum(f.size for f in frames.values()), 0
    else:
        import openpyxl

        imported = time.perf_counter()
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cells = sum(len(r) for ws in workbook.worksheets for r in ws.iter_rows(values_only=True))
        child_kb = 0
    done = time.perf_counter()
    peak = _peak_kb()
    return {"read": done - imported, "process": done - started, "peak_kb": peak,
            "child_kb": child_kb, "cells": cells}  # fmt: skip


def _sheet_names(workbook_xml: str) -> list[str]:
    import html
    import re

    return [html.unescape(n) for n in re.findall(r'<sheet name="([^"]*)"', workbook_xml)]


def _peak_kb() -> int:
    # VmHWM: the peak RSS of this process image (ru_maxrss would include the parent's
    # peak, which survives fork and exec)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _run(reader: str, path: Path) -> dict | None:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--one", reader, str(path)], capture_output=True, text=True
    )
    if done.returncode:
        print(f"  {reader}: failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    result = json.loads(done.stdout)
    result["wall"] = time.perf_counter() - start  # interpreter start included
    return result


def _available(reader: str) -> bool:
    module = {"calamine": "python_calamine", "pandas-calamine": "python_calamine"}.get(reader)
    if module is None:
        return True
    from importlib.util import find_spec

    return find_spec(module) is not None and (reader != "pandas-calamine" or find_spec("pandas"))


def bench(rows: list[int], runs: int, cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()}, {os.cpu_count()} CPUs, {runs} runs each")
    header = f"{'actions':>8} {'reader':16} {'read med':>9} {'read min':>9} {'process':>8} "
    print(header + f"{'wall':>6} {'peak MB':>8} {'child MB':>9} {'cells':>9}")
    for n in rows:
        path = cache / f"pac_{n}.xlsx"
        if not path.exists():
            started = time.perf_counter()
            build(n, path)
            seconds = time.perf_counter() - started
            print(f"(built {path}, {path.stat().st_size >> 10} KB, {seconds:.0f} s)")
        readers = [r for r in READERS if _available(r)]
        results: dict[str, list[dict]] = {r: [] for r in readers}
        for i in range(runs):
            for reader in readers[i % len(readers) :] + readers[: i % len(readers)]:
                result = _run(reader, path)
                if result:
                    results[reader].append(result)
        for reader, got in results.items():
            if not got:
                continue
            reads = [g["read"] for g in got]
            print(
                f"{n:>8} {reader:16} {statistics.median(reads):9.3f} {min(reads):9.3f} "
                f"{statistics.median(g['process'] for g in got):8.3f} "
                f"{statistics.median(g['wall'] for g in got):6.2f} "
                f"{max(g['peak_kb'] for g in got) / 1024:8.0f} "
                f"{max(g['child_kb'] for g in got) / 1024:9.0f} {got[0]['cells']:>9}"
            )


def hostile(folder: Path) -> None:
    """Read every file of the hostile corpus in a fresh process; code, time, memory."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from hostile.make_corpus import make_corpus

    started = time.perf_counter()
    expected = make_corpus(folder)
    print(f"corpus built in {time.perf_counter() - started:.2f} s")
    print(f"{'file':30} {'code':24} {'seconds':>8} {'parent MB':>10} {'child MB':>9}")
    for name, code in expected.items():
        done = subprocess.run(
            [sys.executable, __file__, "--hostile-one", str(folder / name)],
            capture_output=True,
            text=True,
        )
        got = json.loads(done.stdout)
        mark = "" if got["code"] == code else f"  (expected {code})"
        print(
            f"{name:30} {got['code'] or 'reads':24} {got['seconds']:8.3f} "
            f"{got['parent_mb']:10.0f} {got['child_mb']:9.0f}{mark}"
        )


def hostile_one(path: str) -> dict:
    from pacxl.xlsx import ReadError
    from pacxl.xlsx.reader import read_with_stats

    base = _peak_kb()
    started = time.perf_counter()
    code, child = None, 0
    try:
        child = read_with_stats(path)[1].child_peak_kb
    except ReadError as error:
        code = error.code
    seconds = time.perf_counter() - started
    peak = _peak_kb()
    child = max(child, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # also on errors
    return {"code": code, "seconds": seconds, "parent_mb": peak / 1024,
            "parent_growth_mb": (peak - base) / 1024, "child_mb": child / 1024}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[500, 10_000, 20_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/pacxl-bench-read"))
    parser.add_argument("--hostile", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--hostile-one", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one)))
    elif args.hostile_one:
        print(json.dumps(hostile_one(args.hostile_one)))
    elif args.hostile:
        hostile(args.cache / "hostile")
    else:
        bench(args.rows, args.runs, args.cache)


if __name__ == "__main__":
    main()
