"""Recalculate an .xlsx in a real spreadsheet engine and read back every formula's value.

The tests use this to check that the formulas pacxl writes compute what the Python side
expects in LibreOffice Calc (``soffice``, Debian package libreoffice-calc-nogui) and in
Gnumeric (``ssconvert``, Debian package gnumeric). Override the executables with the
environment variables ``SOFFICE`` and ``SSCONVERT``.

Forcing a recalculation: xlsxwriter stores a cached value for every formula (0 unless
``value=`` is given) and says the file comes from Excel, so LibreOffice, whose default for
xlsx is "never recalculate", would keep those values. Each LibreOffice call therefore gets a
throw-away user profile whose ``registrymodifications.xcu`` sets ``OOXMLRecalcMode`` and
``ODFRecalcMode`` to 0 (always recalculate). Gnumeric gets ``ssconvert --recalc``.

Every call has its own profile (parallel calls cannot share one: a second ``soffice`` on a
busy profile hands its work to the first). Reusing a profile saves only about 0.1 s of
1.2 s per conversion, so it is not worth the shared state. Both engines run with
``LC_ALL=C.UTF-8`` so that locale-dependent results (``TEXT()``, number-to-text) are the
same on every machine.

What ``Recalculated.values`` holds, for every cell that has a formula in the original file:

- numbers as float, booleans as bool, text as str, Excel errors as their ``"#..."`` text;
- dates and times as the Excel serial number (float): openpyxl turns a number into a
  datetime when the *recalculated* cell has a date format, and both engines give a date
  format to a cell holding ``DATE()`` even if the original had none. The serial is rebuilt
  with openpyxl's ``to_excel``, exact for whole days, to the millisecond otherwise;
- ``""`` for an empty-text result such as ``=IF(A1="","",1)``. LibreOffice writes it as
  ``t="str"`` with an empty ``<v></v>`` (openpyxl reads None), Gnumeric as a shared string
  ``""`` (openpyxl reads ``""``); both become ``""``;
- None only if the engine wrote no value at all for a non-text cell.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import signal
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

ENGINES = ("libreoffice", "gnumeric")

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)

_EXECUTABLES = {"libreoffice": ("SOFFICE", "soffice"), "gnumeric": ("SSCONVERT", "ssconvert")}

_LO_XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
_LO_PDF_FILTER = "pdf:calc_pdf_Export"

_LO_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
{locale}</oor:items>
"""
_LO_LOCALE = """<item oor:path="/org.openoffice.Setup/L10N">
  <prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{0}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">
  <prop oor:name="ooLocale" oor:op="fuse"><value>{0}</value></prop></item>
"""

Key = tuple[str, str]


class EngineFailed(RuntimeError):
    """A spreadsheet engine is missing, crashed, timed out or wrote no output."""


@dataclass
class Recalculated:
    """The values an engine computed for the formula cells of one workbook."""

    engine: str
    path: Path
    values: dict[Key, object] = field(default_factory=dict)
    formulas: dict[Key, str] = field(default_factory=dict)

    def errors(self) -> list[tuple[str, str, object]]:
        """Formula cells whose value is an Excel error, as (sheet, cell, "#...").

        A formula whose result is text spelling an error (="#N/A") is listed too.
        """
        return [(s, c, v) for (s, c), v in self.values.items() if _is_error(v)]


def executable(engine: str) -> str | None:
    """Path of the engine's command line program, or None if it is not installed."""
    if engine not in _EXECUTABLES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    variable, default = _EXECUTABLES[engine]
    return shutil.which(os.environ.get(variable) or default)


def available(engine: str) -> bool:
    """True if the engine can be run on this machine."""
    return executable(engine) is not None


def recalc(
    src: Path, workdir: Path, engine: str = "libreoffice", timeout: int = 180
) -> Recalculated:
    """Recalculate src in engine and read back the value of every formula cell.

    Args:
        src: the workbook to recalculate (left untouched).
        workdir: a directory for the recalculated copy and the engine's scratch files.
        engine: "libreoffice" or "gnumeric".
        timeout: seconds before the engine is killed.

    Returns:
        The recalculated copy's path, its formula values and the original formulas.
    """
    call_dir = _call_dir(workdir, src, engine)
    dst = call_dir / f"{src.stem}.{engine}.xlsx"
    _convert(src, dst, engine, call_dir, timeout)
    original = load_workbook(src, data_only=False)
    formulas = _read_formulas(original)
    values = _read_values(load_workbook(dst, data_only=True), formulas, original.sheetnames)
    return Recalculated(engine, dst, values, formulas)


def save_as(
    src: Path,
    dst: Path,
    *,
    engine: str = "libreoffice",
    workdir: Path | None = None,
    timeout: int = 180,
    locale: str | None = None,
) -> Path:
    """Open src in engine, recalculate, and save it as the .xlsx dst; return dst.

    ``locale`` (LibreOffice only, e.g. "fr-FR") is the locale of the user profile, as a
    French user's LibreOffice would have it.
    """
    if dst.resolve() == src.resolve():
        raise ValueError(f"save_as would overwrite its input {src}")
    with _scratch(workdir) as scratch:
        _convert(src, dst, engine, _call_dir(scratch, src, engine), timeout, locale)
    return dst


def to_pdf(src: Path, outdir: Path, *, workdir: Path | None = None, timeout: int = 180) -> Path:
    """Print every sheet of src (recalculated) to outdir/<stem>.pdf with LibreOffice."""
    outdir.mkdir(parents=True, exist_ok=True)
    with _scratch(workdir) as scratch:
        produced = _run_libreoffice(
            src, _LO_PDF_FILTER, "pdf", _call_dir(scratch, src, "pdf"), timeout
        )
        return Path(shutil.move(produced, outdir / f"{src.stem}.pdf"))


def load_workbook(path: Path, *, data_only: bool = False) -> openpyxl.Workbook:
    """Open path with openpyxl, silencing its UserWarnings about dropped or defaulted parts.

    Gnumeric's files have no default cell style and openpyxl warns about that, which
    pytest's filterwarnings=error turns into a failure; open engine output with this.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        return openpyxl.load_workbook(path, data_only=data_only)


# -- running the engines ------------------------------------------------------------------


def _convert(
    src: Path, dst: Path, engine: str, call_dir: Path, timeout: int, locale: str | None = None
) -> None:
    # recalculate src with engine and write the result to the .xlsx dst
    if engine == "gnumeric":
        _run_gnumeric(src, dst, timeout)
        return
    if engine != "libreoffice":
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    produced = _run_libreoffice(src, _LO_XLSX_FILTER, "xlsx", call_dir, timeout, locale)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(produced, dst)


def _run_libreoffice(
    src: Path, filter_: str, suffix: str, call_dir: Path, timeout: int, locale: str | None = None
) -> Path:
    # convert src with a fresh profile in call_dir; return the produced file
    soffice = _require("libreoffice")
    profile = call_dir / "profile"
    _write_profile(profile, locale)
    work_in = call_dir / f"input{src.suffix}"  # soffice names its output after the input
    shutil.copyfile(src, work_in)
    outdir = call_dir / "out"
    command = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo",
        "--nodefault", "--convert-to", filter_, "--outdir", str(outdir), str(work_in),
    ]  # fmt: skip
    env = _engine_env(SAL_USE_VCLPLUGIN="svp")
    returncode, out, err = _run(command, env, timeout)
    produced = outdir / f"input.{suffix}"
    if not produced.is_file():
        raise EngineFailed(_failure("LibreOffice wrote no output", command, returncode, out, err))
    shutil.rmtree(profile, ignore_errors=True)  # kept only when the call failed
    return produced


def _run_gnumeric(src: Path, dst: Path, timeout: int) -> None:
    # recalculate src into dst with ssconvert
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.unlink(missing_ok=True)
    command = [_require("gnumeric"), "--recalc", "-T", "Gnumeric_Excel:xlsx2", str(src), str(dst)]
    env = _engine_env(GSETTINGS_BACKEND="memory")  # no dconf database in $HOME
    returncode, out, err = _run(command, env, timeout)
    if returncode != 0 or not dst.is_file():
        raise EngineFailed(_failure("ssconvert failed", command, returncode, out, err))


def _run(command: list[str], env: dict[str, str], timeout: int) -> tuple[int, str, str]:
    # run command in its own process group; kill that group on timeout
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        out, err = process.communicate()
        raise EngineFailed(
            _failure(f"timed out after {timeout} s", command, None, _text(out), _text(err))
        ) from None
    return process.returncode, _text(out), _text(err)


def _kill_group(pid: int) -> None:
    # SIGKILL the process group led by pid (soffice is a script that starts soffice.bin)
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _require(engine: str) -> str:
    # the engine's executable, or EngineFailed saying how to install it
    path = executable(engine)
    if path is None:
        package = {"libreoffice": "libreoffice-calc-nogui", "gnumeric": "gnumeric"}[engine]
        raise EngineFailed(f"{engine} is not installed (Debian: apt-get install {package})")
    return path


def _engine_env(**extra: str) -> dict[str, str]:
    # the environment for an engine: ours, a fixed locale, and extra
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("LANGUAGE", None)
    env.update(extra)
    return env


def _write_profile(profile: Path, locale: str | None = None) -> None:
    # a LibreOffice user profile that recalculates every file on load (in locale, if given)
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = _LO_LOCALE.format(locale) if locale else ""
    (user / "registrymodifications.xcu").write_text(
        _LO_REGISTRY.format(locale=items), encoding="utf-8"
    )


def _call_dir(workdir: Path, src: Path, engine: str) -> Path:
    # a new directory of its own for one engine call
    workdir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{src.stem}.{engine}.", dir=workdir))


@contextmanager
def _scratch(workdir: Path | None) -> Iterator[Path]:
    # workdir if given, else a temporary directory removed afterwards
    if workdir is not None:
        yield workdir
        return
    with tempfile.TemporaryDirectory(prefix="pacxl-engine-") as tmp:
        yield Path(tmp)


def _failure(what: str, command: list[str], returncode: int | None, out: str, err: str) -> str:
    # an EngineFailed message with everything needed to debug the call
    return (
        f"{what} (exit status {returncode})\ncommand: {' '.join(command)}\n"
        f"stdout:\n{out.strip()}\nstderr:\n{err.strip()}"
    )


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "replace")


# -- reading the workbooks ----------------------------------------------------------------


def _read_formulas(workbook: openpyxl.Workbook) -> dict[Key, str]:
    # (sheet, cell) -> "=..." for every formula cell, in workbook order
    formulas = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas[(sheet.title, cell.coordinate)] = _formula_text(cell.value)
    return formulas


def _read_values(
    workbook: openpyxl.Workbook, formulas: dict[Key, str], original_sheets: list[str]
) -> dict[Key, object]:
    # (sheet, cell) -> normalised value in the recalculated workbook, for each formula cell
    sheets = _match_sheets(original_sheets, workbook)
    values = {}
    for title, coordinate in formulas:
        sheet = sheets.get(title)
        cell = sheet[coordinate] if sheet is not None else None
        values[(title, coordinate)] = _normalise(cell, workbook.epoch)
    return values


def _match_sheets(original: list[str], workbook: openpyxl.Workbook) -> dict[str, Worksheet]:
    # original sheet title -> recalculated sheet: by title, else by position
    sheets = {}
    for index, title in enumerate(original):
        if title in workbook.sheetnames:
            sheets[title] = workbook[title]
        elif index < len(workbook.worksheets):
            sheets[title] = workbook.worksheets[index]
    return sheets


def _formula_text(value: object) -> str:
    # the "=..." text of an openpyxl formula value (plain, array or data table)
    if isinstance(value, str):
        return value
    text = getattr(value, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return text if text.startswith("=") else f"={text}"
    return f"={type(value).__name__}"  # DataTableFormula carries no text


def _normalise(cell: Cell | None, epoch: dt.datetime) -> object:
    # an openpyxl cell's value in the conventions of the module docstring
    if cell is None:
        return None
    value = cell.value
    if value is None:
        return "" if cell.data_type in ("s", "str", "inlineStr") else None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return float(to_excel(value, epoch))
    return float(value)


def _is_error(value: object) -> bool:
    return isinstance(value, str) and value in EXCEL_ERRORS


def same_value(actual: object, expected: object) -> bool:
    """Equal as a spreadsheet value: numbers to 1e-9 relative (1e-12 absolute), else exactly."""
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        return (
            isinstance(actual, float | int)
            and not isinstance(actual, bool)
            and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
        )
    return actual == expected
