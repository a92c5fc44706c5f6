"""The ``pacxl`` command: a thin layer over the library.

Each command parses its options, calls one library function and prints the outcome.
Problems come back as one sentence in French (English with ``--lang en``) and an exit
status: 0 done, 1 the data has errors, 2 the command or the file cannot be used.
``--debug`` shows the traceback instead. One module per command; :mod:`.app` holds the
group and what the commands share.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from ..errors import PacxlError
from ..messages import message
from . import check, demo, new, report, serve  # noqa: F401  (each registers its command)
from .app import cli, say
from .usage import language, usage_message

__all__ = ["cli", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return (and exit with) its status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, debug = language(argv), "--debug" in argv
    try:
        # without standalone mode, click returns the code a command exits with (ctx.exit)
        returned = cli.main(args=argv, prog_name="pacxl", standalone_mode=False)
        status = returned if isinstance(returned, int) else 0
    except PacxlError as exc:
        if debug:
            _print_traceback()
        say(exc.message(lang), err=True)
        status = exc.exit_code
    except click.exceptions.Exit as exc:
        status = exc.exit_code
    except click.UsageError as exc:
        say(usage_message(exc, lang, argv), err=True)
        status = 2
    except click.Abort:
        say(message("interrupted", lang), err=True)
        status = 130
    except KeyboardInterrupt:
        say(message("interrupted", lang), err=True)
        status = 130
    except Exception as exc:
        if debug:
            _print_traceback()
        say(message("internal", lang, kind=type(exc).__name__, detail=exc), err=True)
        status = 3
    return status


def _print_traceback() -> None:
    import traceback  # only for --debug: importing it costs every start a few milliseconds

    traceback.print_exc()


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
