"""Click's usage errors, told in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..messages import message
from .app import LANG_FLAGS, cli


def language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        for flag in LANG_FLAGS:
            if arg == flag and i + 1 < len(argv):
                return "en" if argv[i + 1] == "en" else "fr"
            if arg.startswith(flag + "="):
                return "en" if arg.split("=", 1)[1] == "en" else "fr"
    return "fr"


def usage_message(exc: click.UsageError, lang: str, argv: Sequence[str]) -> str:
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
