"""The ``pacxl`` command group and what every command shares: the language option,
numbers parsed in the user's language, and printing that user text cannot hijack."""

from __future__ import annotations

import re
from typing import Any

import click

from .. import __version__
from ..errors import OptionError

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
    pacxl demo     montre la boucle complète dans un dossier neuf
    pacxl new      écrit un classeur PAC vierge
    pacxl check    vérifie un classeur rempli, case par case
    pacxl report   analyse les écarts : résumé, rapport HTML, Excel, Markdown, JSON ou CSV
    """
    if ctx.invoked_subcommand is None:  # `pacxl` alone: the help, on every click version
        click.echo(ctx.get_help())


def say(text: str, err: bool = False) -> None:
    # a message may echo user text (a value, a path): never let it drive the terminal
    click.echo(_UNPRINTABLE.sub("\ufffd", text), err=err)


