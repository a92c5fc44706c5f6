"""The samples of samples/, read and analysed once per test session (both ecarts modules).

``builder`` is the script samples/build_samples.py (its ``--check``); the data and the
building live in :mod:`pacxl.samples`.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pacxl
import pacxl.samples
from pacxl.ecarts import Analysis
from pacxl.reader.frames import Workbook

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
NAMES: tuple[str, ...] = pacxl.samples.NAMES


@cache
def data(name: str) -> dict[str, Any]:
    """What pacxl/samples/data/<name>.py types into the sample."""
    return pacxl.samples.load(name)


@cache
def workbook(name: str) -> Workbook:
    """The committed sample, read (do not modify the frames)."""
    return pacxl.read_workbook(SAMPLES / f"{name}.xlsx", isolate=False)


@cache
def analysis(name: str) -> Analysis:
    """The sample analysed at its review date (do not modify the frames)."""
    return pacxl.analyse(workbook(name), as_of=data(name)["params"]["review_date"])
