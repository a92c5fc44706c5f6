"""``pacxl report``: analyse the gaps of a filled workbook, or consolidate many, and write
the report."""

from __future__ import annotations

import contextlib
import datetime as dt
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import OptionError, OutputError, ReadError
from ..messages import message
from ..report import FORMATS, SUFFIXES, format_of
from .app import cli, lang_option, say

if TYPE_CHECKING:
    from ..ecarts import Analysis


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True),
                metavar="FICHIER.xlsx… | DOSSIER")
@click.option("-o", "--output", "--sortie", "output", type=click.Path(), metavar="SORTIE",
              help="Rapport à écrire : .html, .xlsx, .md, .json, .csv ou un dossier (CSV) ; "
                   "sans -o, un résumé s’affiche.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              default=None, help="Format, si l’extension de -o ne le dit pas.")
@click.option("--au", "--as-of", "as_of", metavar="AAAA-MM-JJ",
              help="Date de revue (défaut : celle des Paramètres, sinon aujourd’hui).")
@click.option("--force", is_flag=True, help="Remplacer le rapport s’il existe.")
@lang_option
@click.pass_context
def report(ctx: click.Context, files: tuple[str, ...], output: str | None, fmt: str | None,
           as_of: str | None, force: bool, lang: str) -> None:
    """Analyser les écarts d’un classeur PAC rempli et écrire le rapport.

    Plusieurs fichiers, ou un dossier (ses .xlsx et .xlsm, sans ses sous-dossiers), donnent
    un seul rapport consolidé, avec une colonne par classeur. Les deux cœurs travaillent,
    une barre montre l’avancement dans un terminal, et un classeur illisible est signalé
    puis ignoré.

    Statut de sortie : 0 rapport écrit ; 1 rapport écrit, mais des classeurs ignorés ;
    2 si aucun classeur n’est lisible ou si la date ou la sortie ne conviennent pas.
    """
    day = _review_date(as_of)
    chosen = lang if ctx.get_parameter_source("lang").name != "DEFAULT" else None
    if len(files) == 1 and not Path(files[0]).is_dir():
        _report_one(files[0], output, fmt, day, force, lang, chosen)
        return
    if _report_many(files, output, fmt, day, force, lang, chosen):
        ctx.exit(1)


def _report_one(file: str, output: str | None, fmt: str | None, day: dt.date | None, force: bool,
                lang: str, chosen: str | None) -> None:
    from ..ecarts import analyse
    from ..importer import read_workbook

    if output is not None and Path(output).resolve() == Path(file).resolve():
        raise OutputError("output_is_input", path=output)
    fmt = format_of(output, fmt)
    if output is not None:
        _check_report_output(Path(output), fmt, force, (Path(file),))
    analysis = analyse(read_workbook(file, lang=chosen), as_of=day, lang=chosen)
    written = _write(analysis, output, fmt, click.format_filename(file))
    if written is not None:
        say(message("report_done", lang, path=click.format_filename(written)))


def _report_many(files: tuple[str, ...], output: str | None, fmt: str | None, day: dt.date | None,
                 force: bool, lang: str, chosen: str | None) -> bool:
    """Consolidate the workbooks of ``files``; True when some were skipped."""
    from ..batch import analyse_files, workbook_files
    from ..ecarts import consolidate

    paths = workbook_files(files)
    fmt = format_of(output, fmt)
    if output is not None:
        _check_report_output(Path(output), fmt, force, tuple(paths))
    with _progress(len(paths), lang) as tick:
        analyses, failures = analyse_files(paths, as_of=day, lang=chosen, progress=tick)
    for failure in failures:
        say(message("batch_skipped", lang, reason=failure.message), err=True)
    if not analyses:
        raise ReadError("batch_none")
    done, whole = len(analyses), consolidate(analyses, lang=chosen)
    del analyses  # the workbooks' own frames (a thousand weigh a gigabyte) before writing
    name = " ".join(shlex.quote(click.format_filename(f)) for f in files)
    written = _write(whole, output, fmt, name)
    if written is not None:
        say(message("batch_report_done", lang, path=click.format_filename(written),
                    done=done, total=len(paths)))
    return bool(failures)


def _write(analysis: Analysis, output: str | None, fmt: str, name: str) -> Path | None:
    """The report written (its path), or the summary printed (None); ``name``: the input
    as typed, for the summary's hint."""
    from ..report import write_report
    from ..report.summary import render_summary

    if output is None:
        say(render_summary(analysis, name))
        return None
    return write_report(analysis, output, fmt)


@contextlib.contextmanager
def _progress(total: int, lang: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (pipes and logs stay clean)."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=message("batch_progress", lang),
                           file=sys.stderr, show_pos=True) as bar:
        yield lambda done, _total: bar.update(1)


def _review_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _bad(value)
    except ValueError:
        return _bad(value)


def _bad(value: str) -> dt.date:
    raise OptionError("report_bad_date", value=value)


def _check_report_output(output: Path, fmt: str, force: bool, inputs: tuple[Path, ...]) -> None:
    from ..atomic import check_output
    from ..report.csv import check_folder, folder_for

    if fmt == "csv":
        check_folder(folder_for(output), force=force, inputs=inputs)
        return
    named = SUFFIXES.get(output.suffix.lower())
    if named not in (None, fmt, "summary"):  # «-o rapport.md --format json»; .txt takes any
        raise OutputError("output_bad_suffix", path=output)
    check_output(output, force=force, inputs=inputs)
