"""The small, flat set of exceptions pacxl raises; each message tells how to fix it."""

from __future__ import annotations

from typing import Any


class PacxlError(Exception):
    """Base class: a problem to show the user as one sentence, in their language.

    ``code`` names a message of the catalogue (``pacxl/messages.toml``); ``params`` fill it.
    """

    exit_code = 2

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "fr") -> str:
        from .messages import message

        return message(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("fr")


class OptionError(PacxlError):
    """An option of a command is missing, malformed or out of range."""


class OutputError(PacxlError):
    """An output cannot be written (exists, folder missing or read-only, file open in Excel)."""


class ReadError(PacxlError):
    """The file cannot be read as a PAC workbook (not a workbook, broken, hostile, or not a PAC)."""

