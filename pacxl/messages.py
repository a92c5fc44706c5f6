"""The message catalogue: one French and one English sentence per message code."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    raw = resources.files("pacxl").joinpath("messages.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def message(code: str, lang: str = "fr", **params: Any) -> str:
    """The message ``code`` in ``lang`` ("fr" or "en"), with its placeholders filled."""
    entry = _catalogue()[code]
    return entry.get(lang, entry["fr"]).format(**params)


def codes() -> set[str]:
    return set(_catalogue())
