"""``pacxl check``: read a filled workbook and list its findings, cell by cell."""

from __future__ import annotations

import click

from .app import cli, lang_option, say


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
    from ..importer import read_plan
    from ..reader.render import findings_json, findings_table, verdict

    plan = read_plan(file)
    name = click.format_filename(file)
    if fmt == "json":
        click.echo(findings_json(plan, lang, name))
    else:
        table = findings_table(plan, lang)
        if table:
            say(table)
        say(verdict(plan, lang, name))
    if plan.findings.errors:
        ctx.exit(1)
