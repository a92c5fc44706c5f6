"""Rebuild the sample PAC workbooks of ``samples/`` from their data (:mod:`pacxl.samples`).

    python samples/build_samples.py            # rebuild every sample
    python samples/build_samples.py bob_prospection_terrain
    python samples/build_samples.py --check    # exit 1 if a committed sample is stale

The data lives in the package (``pacxl/samples/data/<name>.py``), so ``pacxl demo`` can
build a filled sample after any install. ``--check`` compares the unpacked parts of the
files (the XML inside the zip), so a different zlib cannot make a sample look stale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import zipfile
from pathlib import Path

from pacxl.samples import NAMES, build, load, write

HERE = Path(__file__).resolve().parent

__all__ = ["NAMES", "build", "difference", "load", "main", "parts", "stale", "write"]


def parts(path: Path) -> dict[str, bytes]:
    """The unpacked members of an .xlsx (a zip): what the file says, whatever the deflate."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def difference(committed: Path, fresh: Path) -> str | None:
    """How a committed sample differs from a fresh build of it, or None if it does not."""
    if not committed.exists():
        return f"{committed.name}: missing"
    old, new = parts(committed), parts(fresh)
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    if not differ:
        return None
    more = f" and {len(differ) - 5} more parts" if len(differ) > 5 else ""
    return f"{committed.name}: {', '.join(differ[:5])}{more}"


def stale(names: tuple[str, ...] = NAMES, folder: Path = HERE) -> list[str]:
    """The samples whose committed file differs from what this script builds now."""
    found = []
    with tempfile.TemporaryDirectory(prefix="pacxl-samples-") as tmp:
        for name in names:
            fresh = Path(tmp) / f"{name}.xlsx"
            write(name, fresh)
            problem = difference(folder / f"{name}.xlsx", fresh)
            if problem:
                found.append(problem)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"samples to build (default: all of {', '.join(NAMES)})")
    parser.add_argument("--check", action="store_true",
                        help="build in a temporary folder and compare; exit 1 if any differs")
    args = parser.parse_args(argv)
    names = tuple(args.names) or NAMES
    unknown = sorted(set(names) - set(NAMES))
    if unknown:
        parser.error(f"unknown sample(s): {', '.join(unknown)}; choose among {', '.join(NAMES)}")
    if args.check:
        problems = stale(names)
        for problem in problems:
            print(f"stale sample: {problem}", file=sys.stderr)
        if problems:
            print("rebuild them with: python samples/build_samples.py", file=sys.stderr)
            return 1
        print(f"{len(names)} samples up to date")
        return 0
    for name in names:
        path = HERE / f"{name}.xlsx"
        started = dt.datetime.now()
        write(name, path)
        seconds = (dt.datetime.now() - started).total_seconds()
        print(f"wrote {path.relative_to(HERE.parent)} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
