"""The message catalogue: one French and one English sentence per message code."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from .tomlcache import load_toml


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    return load_toml(resources.files("pacxl").joinpath("messages.toml"))


def message(code: str, lang: str = "fr", **params: Any) -> str:
    """The message ``code`` in ``lang`` ("fr" or "en"), with its placeholders filled."""
    entry = _catalogue()[code]
    return entry.get(lang, entry["fr"]).format(**params)


def codes() -> set[str]:
    return set(_catalogue())
