"""The code base passes ruff (pyproject.toml's rules), so that CI enforces the style too."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from conftest import unavailable

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("pacxl", "tests", "benchmarks", "samples")


def test_ruff_finds_nothing() -> None:
    if importlib.util.find_spec("ruff") is None:
        unavailable("ruff is not installed (pip install '.[test]')")
    folders = [str(ROOT / name) for name in CHECKED if (ROOT / name).is_dir()]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *folders],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
