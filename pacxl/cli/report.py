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
@click.option("-o", "--output", "--sortie", "outputs", type=click.Path(), metavar="SORTIE",
              multiple=True,
              help="Rapport à écrire : .html, .xlsx, .md, .json, .csv ou un dossier (CSV) ; "
                   "plusieurs -o pour plusieurs formats ; sans -o, un résumé s’affiche.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              default=None, help="Format, si l’extension de -o ne le dit pas.")
@click.option("--au", "--as-of", "as_of", metavar="AAAA-MM-JJ",
              help="Date de revue (défaut : celle des Paramètres, sinon aujourd’hui).")
@click.option("--force", is_flag=True, help="Remplacer le rapport s’il existe.")
@lang_option
@click.pass_context
def report(ctx: click.Context, files: tuple[str, ...], outputs: tuple[str, ...],
           fmt: str | None, as_of: str | None, force: bool, lang: str) -> None:
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
        _report_one(files[0], outputs, fmt, day, force, lang, chosen)
        return
    if _report_many(files, outputs, fmt, day, force, lang, chosen):
        ctx.exit(1)


def _report_one(file: str, outputs: tuple[str, ...], fmt: str | None, day: dt.date | None,
                force: bool, lang: str, chosen: str | None) -> None:
    from ..importer import Reading

    for output in outputs:
        if Path(output).resolve() == Path(file).resolve():
            raise OutputError("output_is_input", path=output)
    formats = _checked(outputs, fmt, force, (Path(file),))
    with Reading(file) as reading:  # the file is read while pandas is imported
        from ..ecarts import analyse
        from ..reader.frames import to_workbook

        workbook = to_workbook(reading.plan(), lang=chosen)
    analysis = analyse(workbook, as_of=day, lang=chosen)
    for written in _write(analysis, formats, click.format_filename(file)):
        say(message("report_done", lang, path=click.format_filename(written)))


def _report_many(files: tuple[str, ...], outputs: tuple[str, ...], fmt: str | None,
                 day: dt.date | None, force: bool, lang: str, chosen: str | None) -> bool:
    """Consolidate the workbooks of ``files``; True when some were skipped."""
    from ..batch import consolidate_files, workbook_files

    paths = workbook_files(files)
    formats = _checked(outputs, fmt, force, tuple(paths))
    with _progress(len(paths), lang) as tick:
        whole, failures = consolidate_files(paths, as_of=day, lang=chosen, progress=tick)
    for failure in failures:
        say(message("batch_skipped", lang, reason=failure.message), err=True)
    if whole is None:
        raise ReadError("batch_none")
    done = len(whole.sources)
    name = " ".join(shlex.quote(click.format_filename(f)) for f in files)
    for written in _write(whole, formats, name):
        say(message("batch_report_done", lang, path=click.format_filename(written),
                    done=done, total=len(paths)))
    return bool(failures)


def _checked(outputs: tuple[str, ...], fmt: str | None, force: bool,
             inputs: tuple[Path, ...]) -> list[tuple[str, str]]:
    """Each output with its format, every one checked before any work is done."""
    if len({Path(output).resolve() for output in outputs}) < len(outputs):
        raise OptionError("report_same_output")
    formats = [(output, format_of(output, fmt)) for output in outputs]
    for output, chosen in formats:
        _check_report_output(Path(output), chosen, force, inputs)
    return formats


def _write(analysis: Analysis, formats: list[tuple[str, str]], name: str) -> Iterator[Path]:
    """The reports written (two at once, on both cores), then their paths one at a time;
    the summary printed when there is no output; ``name``: the input as typed, for the
    summary's hint."""
    from ..report.parallel import write_reports
    from ..report.summary import render_summary

    if not formats:
        say(render_summary(analysis, name))
    yield from write_reports(analysis, formats)


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

    if fmt == "csv":
        from ..report.csv import check_folder, folder_for  # imports pandas: only for CSV

        check_folder(folder_for(output), force=force, inputs=inputs)
        return
    named = SUFFIXES.get(output.suffix.lower())
    if named not in (None, fmt, "summary"):  # «-o rapport.md --format json»; .txt takes any
        raise OutputError("output_bad_suffix", path=output)
    check_output(output, force=force, inputs=inputs)
