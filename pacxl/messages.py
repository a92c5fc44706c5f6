"""The message catalogue: one French and one English sentence per message code."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .tomlcache import load_toml


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    return load_toml(resources.files("pacxl").joinpath("messages.toml"))


@dataclass(frozen=True)
class Phrase:
    """A message put in another one, in that one's language: the ``reason`` of a damaged
    file reads «le répertoire central manque» in French, "no central directory" in English.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def message(code: str, lang: str = "fr", **params: Any) -> str:
    """The message ``code`` in ``lang`` ("fr" or "en"), with its placeholders filled (a
    :class:`Phrase` among ``params`` in the same language)."""
    entry = _catalogue()[code]
    filled = {key: message(value.code, lang, **value.params) if isinstance(value, Phrase)
              else value for key, value in params.items()}
    return entry.get(lang, entry["fr"]).format(**filled)


def codes() -> set[str]:
    return set(_catalogue())
