"""``pacxl report``: analyse the gaps of a filled workbook and write the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..errors import OptionError, OutputError
from ..messages import message
from ..report import FORMATS, SUFFIXES
from .app import cli, lang_option, say


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True), metavar="FICHIER.xlsx")
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
def report(ctx: click.Context, file: str, output: str | None, fmt: str | None,
           as_of: str | None, force: bool, lang: str) -> None:
    """Analyser les écarts d’un classeur PAC rempli et écrire le rapport.

    Statut de sortie : 0 rapport écrit, 2 si le fichier, la date ou la sortie ne
    conviennent pas.
    """
    from ..ecarts import analyse
    from ..importer import read_workbook
    from ..report import format_of, write_report
    from ..report.summary import render_summary

    day = _review_date(as_of)
    if output is not None and Path(output).resolve() == Path(file).resolve():
        raise OutputError("output_is_input", path=output)
    fmt = format_of(output, fmt)
    if output is not None:
        _check_report_output(Path(output), fmt, force, Path(file))
    chosen = lang if ctx.get_parameter_source("lang").name != "DEFAULT" else None
    analysis = analyse(read_workbook(file, lang=chosen), as_of=day, lang=chosen)
    if output is None:
        say(render_summary(analysis, click.format_filename(file)))
        return
    written = write_report(analysis, output, fmt)
    say(message("report_done", lang, path=click.format_filename(written)))


def _review_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else _bad(value)
    except ValueError:
        return _bad(value)


def _bad(value: str) -> dt.date:
    raise OptionError("report_bad_date", value=value)


def _check_report_output(output: Path, fmt: str, force: bool, file: Path) -> None:
    from ..atomic import check_output
    from ..report.csv import check_folder, folder_for

    if fmt == "csv":
        check_folder(folder_for(output), force=force, inputs=(file,))
        return
    named = SUFFIXES.get(output.suffix.lower())
    if named not in (None, fmt, "summary"):  # «-o rapport.md --format json»; .txt takes any
        raise OutputError("output_bad_suffix", path=output)
    check_output(output, force=force, inputs=(file,))
