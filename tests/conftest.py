"""Shared fixtures of the pacxl tests.

Tests that run a real spreadsheet engine carry ``@pytest.mark.engine`` and use the
``recalc`` fixture. A missing engine skips such a test on a developer's machine, but fails
it when the environment variable ``CI`` is set (CI sets ``CI=true``): CI must never pass
by skipping the tests that matter most.

The report header names the pacxl the tests import. With ``PACXL_TEST_INSTALLED=1`` (set by
.ci/run, which installs pacxl non-editable) a pacxl imported from the checkout is an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import engines
import pytest


def running_in_ci() -> bool:
    """True when the environment variable CI is set (to anything but "", "0", "false")."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(message: str) -> NoReturn:
    """A tool the test needs is missing: skip on a developer's machine, fail in CI."""
    if running_in_ci():
        pytest.fail(f"{message}; CI is set, so this is a failure, not a skip")
    pytest.skip(message)


def ensure_engine(engine: str) -> None:
    """Skip the current test if engine is missing; fail it instead when running in CI."""
    if not engines.available(engine):
        unavailable(f"spreadsheet engine {engine!r} is not installed (see .ci/run)")


def pytest_report_header(config: pytest.Config) -> str:
    return f"pacxl: {_pacxl_file() or 'not importable'}"


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("PACXL_TEST_INSTALLED") != "1":
        return
    location = _pacxl_file()
    if location is None or location.is_relative_to(session.config.rootpath.resolve()):
        raise pytest.UsageError(
            f"PACXL_TEST_INSTALLED=1 but pacxl is imported from {location or 'nowhere'}, "
            "not from an installed copy; run `python -P -m pytest` or set PYTHONSAFEPATH=1"
        )


def _pacxl_file() -> Path | None:
    # the file pacxl is imported from, or None if it cannot be imported
    try:
        import pacxl
    except ImportError:
        return None
    return Path(pacxl.__file__ or ".").resolve()


@pytest.fixture(scope="session")
def engine_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory per test session for recalculated copies and engine scratch files."""
    return tmp_path_factory.mktemp("engines")


@pytest.fixture
def require_engine() -> Callable[[str], None]:
    """Return ensure_engine, for engine tests that call tests/engines.py directly."""
    return ensure_engine


@pytest.fixture
def recalc(
    request: pytest.FixtureRequest, engine_workdir: Path
) -> Callable[..., engines.Recalculated]:
    """Return a function (src, engine="libreoffice", timeout=180) -> engines.Recalculated."""
    if request.node.get_closest_marker("engine") is None:
        pytest.fail("tests that use the recalc fixture must be marked @pytest.mark.engine")

    def run(src: Path, engine: str = "libreoffice", timeout: int = 180) -> engines.Recalculated:
        ensure_engine(engine)
        return engines.recalc(Path(src), engine_workdir, engine, timeout)

    return run


@pytest.fixture(scope="session")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filled plan whose user text is made of injection payloads (report_books.py)."""
    from report_books import write_hostile

    return write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.xlsx")


@pytest.fixture(scope="session")
def hostile(hostile_book: Path):
    """The hostile plan, analysed."""
    import pacxl

    return pacxl.analyse(pacxl.read_workbook(hostile_book, isolate=False))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``pacxl`` in-process: ``run("report", "plan.xlsx")`` → (status, stdout, stderr)."""
    from pacxl.cli import main

    def call(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return call


@pytest.fixture(scope="session")
def recalc_books(tmp_path_factory: pytest.TempPathFactory, engine_workdir: Path):
    """The recalc tests' filled workbooks, written and recalculated once per session.

    A tests/recalc_books.py ``RecalcBooks``: each test module takes its parametrized
    ``recalculated`` from it, so no module-scoped fixture is torn down by a reordering.
    """
    from recalc_books import RecalcBooks

    return RecalcBooks(tmp_path_factory.mktemp("recalc"), engine_workdir)


@pytest.fixture(scope="session")
def reader_books(tmp_path_factory: pytest.TempPathFactory):
    """The reader tests' filled and planted workbooks, written and read once per session.

    A tests/reader_books.py ``ReaderBooks``; the test modules take their ``filled``,
    ``filled_fr`` and ``planted`` from it.
    """
    from reader_books import ReaderBooks

    return ReaderBooks(tmp_path_factory.mktemp("reader"))


# -- the recalc and reader test modules' views of those books (each module its own instance) --


# every (language, engine) the recalc tests recalculate the filled workbooks in
RECALCULATIONS = [(lang, engine) for engine in engines.ENGINES for lang in ("fr", "en")]


@pytest.fixture(scope="module", params=RECALCULATIONS, ids="-".join)
def recalculated(request: pytest.FixtureRequest, recalc_books):
    """A filled workbook and its values recalculated by an engine (once per session)."""
    return recalc_books.recalculated(*request.param)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder for the test module (the reader tests' edited copies…)."""
    return tmp_path_factory.mktemp("work")


@pytest.fixture(scope="module")
def filled_fr(reader_books):
    """The filled French workbook (written and read once per session)."""
    return reader_books.filled("fr")


@pytest.fixture(scope="module")
def planted(reader_books):
    """The filled French workbook with every case done to it (once per session)."""
    from reader_cases import planted_book

    return planted_book(reader_books)
