"""The ``pacxl`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the outcome.
Problems come back as one sentence in French (English with ``--lang en``) and an exit
status: 0 done, 1 the data has errors, 2 the command or the file cannot be used.
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import OptionError, OutputError, PacxlError
from .messages import message

LANG_FLAGS = ("--lang", "--langue")
# what must not reach a terminal from user text: C0/C1 controls (escape sequences) but LF and
# TAB, and bidi embeddings, overrides and isolates
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Number(click.ParamType):
    """An integer or decimal option whose error message speaks the user's language."""

    def __init__(self, kind: type) -> None:
        self.kind = kind
        self.name = kind.__name__

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, self.kind):
            return value
        try:
            return self.kind(str(value).replace(",", ".") if self.kind is float else value)
        except ValueError:
            code = "not_integer" if self.kind is int else "not_number"
            raise OptionError(code, option=param.opts[0] if param else "", value=value) from None


INT, FLOAT = _Number(int), _Number(float)


def lang_option(func):
    """``--lang fr|en``: the language of messages (and of the workbook for ``new``)."""
    return click.option("--lang", "--langue", "lang", default="fr", show_default=True,
                        help="Langue : fr ou en.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True)
@click.version_option(__version__, "--version", prog_name="pacxl")
@click.option("--debug", is_flag=True, help="Afficher la trace Python en cas d’erreur.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """pacxl : le Plan d’Actions Commerciales et Marketing dans un tableur.

    \b
    pacxl new      écrit un classeur PAC vierge
    pacxl check    vérifie un classeur rempli, case par case
    pacxl report   analyse les écarts : résumé, rapport Markdown, JSON ou CSV
    """
    if ctx.invoked_subcommand is None:  # `pacxl` alone: the help, on every click version
        click.echo(ctx.get_help())


@cli.command()
@click.option("-o", "--output", "--sortie", "output", type=click.Path(), metavar="FILE",
              help="Fichier .xlsx à écrire (défaut : PAC_<année>.xlsx ici).")
@click.option("--company", "--entreprise", "company", default="", help="Nom de l’entreprise.")
@click.option("--year", "--annee", "year", type=INT,
              help="Exercice : année de début (défaut : l’an prochain).")
@click.option("--first-month", "--mois", "first_month", type=INT,
              help="Premier mois de l’exercice, 1 à 12 (défaut : 1, janvier).")
@click.option("--currency", "--devise", "currency", default=None,
              help="Devise : EUR (défaut), USD, GBP, CHF, CAD, XOF, MAD.")
@click.option("--author", "--auteur", "author", default="", help="Auteur du plan.")
@click.option("--team", "--equipe", "team", multiple=True,
              help="Équipe : « Nom:Rôle;Nom:Rôle » (alimente les listes « Qui ? »).")
@click.option("--bpi/--vide", "--bpi-families/--empty", "bpi", default=False,
              help="Pré-remplir le plan avec les familles d’actions Bpifrance, ou grille vide.")
@click.option("--spare-rows", "--lignes", "spare_rows", type=INT,
              help="Lignes libres sous chaque tableau (défaut : 10).")
@click.option("--action-rows", "--actions", "action_rows", type=INT,
              help="Lignes de la grille d’actions vide (défaut : 40).")
@click.option("--tolerance", "--tolerance-proche", "tolerance", type=FLOAT,
              help="Écart relatif jugé « Proche », entre 0 et 1 (défaut : 0.1).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s’il existe.")
@lang_option
def new(output: str | None, force: bool, lang: str, **kwargs: Any) -> None:
    """Écrire un classeur PAC vierge, prêt à remplir dans Excel ou LibreOffice."""
    from .generate import new_workbook
    from .options import new_options

    options = new_options(lang=lang, **kwargs)
    result = new_workbook(output, options, force=force)
    _say(message("new_done", lang, year=result.year, path=result.path, sheets=result.sheets,
                 formulas=result.formulas, validations=result.validations))
    _say(message("new_next", lang, name=result.path.name))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True), metavar="FICHIER.xlsx")
@click.option("--format", "--sortie-format", "fmt", type=click.Choice(["table", "json"]),
              default="table", show_default=True,
              help="table : lisible ; json : pour les programmes.")
@lang_option
@click.pass_context
def check(ctx: click.Context, file: str, fmt: str, lang: str) -> None:
    """Vérifier un classeur PAC rempli : chaque case lue, chaque problème situé.

    Statut de sortie : 0 sans erreur (avertissements permis), 1 si des cases sont en
    erreur, 2 si le fichier ne peut pas être lu comme un classeur PAC.
    """
    from .importer import read_plan
    from .reader.render import findings_json, findings_table, verdict

    plan = read_plan(file)
    name = click.format_filename(file)
    if fmt == "json":
        click.echo(findings_json(plan, lang, name))
    else:
        table = findings_table(plan, lang)
        if table:
            _say(table)
        _say(verdict(plan, lang, name))
    if plan.findings.errors:
        ctx.exit(1)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True), metavar="FICHIER.xlsx")
@click.option("-o", "--output", "--sortie", "output", type=click.Path(), metavar="SORTIE",
              help="Rapport à écrire : .md, .json, .csv ou un dossier (CSV) ; "
                   "sans -o, un résumé s’affiche.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "md", "summary"]),
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
    from .ecarts import analyse
    from .importer import read_workbook
    from .report import format_of, write_report
    from .report.summary import render_summary

    day = _review_date(as_of)
    if output is not None and Path(output).resolve() == Path(file).resolve():
        raise OutputError("output_is_input", path=output)
    fmt = format_of(output, fmt)
    if output is not None:
        _check_report_output(Path(output), fmt, force, Path(file))
    chosen = lang if ctx.get_parameter_source("lang").name != "DEFAULT" else None
    analysis = analyse(read_workbook(file, lang=chosen), as_of=day, lang=chosen)
    if output is None:
        _say(render_summary(analysis, click.format_filename(file)))
        return
    written = write_report(analysis, output, fmt)
    _say(message("report_done", lang, path=click.format_filename(written)))


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
    from .atomic import check_output
    from .report.csv import check_folder, folder_for

    if fmt == "csv":
        check_folder(folder_for(output), force=force, inputs=(file,))
    else:
        suffix = {"json": ".json", "md": ".md"}.get(fmt)
        check_output(output, force=force, inputs=(file,),
                     suffix=suffix if output.suffix.lower() in (".json", ".md") else None)


def _say(text: str, err: bool = False) -> None:
    # a message may echo user text (a value, a path): never let it drive the terminal
    click.echo(_UNPRINTABLE.sub("\ufffd", text), err=err)


def _lang(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        for flag in LANG_FLAGS:
            if arg == flag and i + 1 < len(argv):
                return "en" if argv[i + 1] == "en" else "fr"
            if arg.startswith(flag + "="):
                return "en" if arg.split("=", 1)[1] == "en" else "fr"
    return "fr"


def _usage_message(exc: click.UsageError, lang: str, argv: Sequence[str]) -> str:
    command = _command(exc, argv)
    help_ = " ".join(["pacxl", *([command] if command else []), "--help"])
    if isinstance(exc, click.NoSuchOption):
        hint = " " + message("usage_did_you_mean", lang, options=", ".join(
            sorted(exc.possibilities))) if exc.possibilities else ""
        return message("usage_no_such_option", lang, option=exc.option_name, hint=hint,
                       help=help_)
    if isinstance(exc, click.BadOptionUsage):
        flag = _is_flag(command, exc.option_name)
        return message("usage_no_value" if flag else "usage_needs_value", lang,
                       option=exc.option_name, help=help_)
    if isinstance(exc, click.MissingParameter):
        name = exc.param.opts[0] if exc.param and exc.param.opts else "?"
        return message("usage_missing", lang, option=name, help=help_)
    if isinstance(exc, click.BadParameter):
        name = exc.param.opts[0] if exc.param and exc.param.opts else "?"
        return message("usage_bad_value", lang, option=name, detail=exc.message.rstrip("."),
                       help=help_)
    if "No such command" in exc.message:
        name = next((a for a in argv if not a.startswith("-")), "?")
        return message("no_such_command", lang, name=name,
                       choices=", ".join(sorted(cli.commands)))
    if "unexpected extra argument" in exc.message:
        extra = exc.message.partition("(")[2].rstrip(")")
        return message("usage_extra_argument", lang, args=extra, help=help_)
    return message("usage_other", lang, detail=exc.message.rstrip("."), help=help_)


def _command(exc: click.UsageError, argv: Sequence[str]) -> str:
    # the sub-command being parsed; click leaves exc.ctx unset for some parser errors
    if exc.ctx is not None:
        return (exc.ctx.info_name or "") if exc.ctx.parent else ""
    return next((a for a in argv if a in cli.commands), "")


def _is_flag(command: str, option: str) -> bool:
    params = cli.commands[command].params if command in cli.commands else cli.params
    return any(isinstance(p, click.Option) and p.is_flag and option in p.opts + p.secondary_opts
               for p in params)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return (and exit with) its status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, debug = _lang(argv), "--debug" in argv
    try:
        # without standalone mode, click returns the code a command exits with (ctx.exit)
        returned = cli.main(args=argv, prog_name="pacxl", standalone_mode=False)
        status = returned if isinstance(returned, int) else 0
    except PacxlError as exc:
        if debug:
            traceback.print_exc()
        _say(exc.message(lang), err=True)
        status = exc.exit_code
    except click.exceptions.Exit as exc:
        status = exc.exit_code
    except click.UsageError as exc:
        _say(_usage_message(exc, lang, argv), err=True)
        status = 2
    except click.Abort:
        _say(message("interrupted", lang), err=True)
        status = 130
    except KeyboardInterrupt:
        _say(message("interrupted", lang), err=True)
        status = 130
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _say(message("internal", lang, kind=type(exc).__name__, detail=exc), err=True)
        status = 3
    if __name__ != "__main__":
        return status
    return status  # pragma: no cover


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
