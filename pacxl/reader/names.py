"""Defined names and A1 references as the importer meets them."""

from __future__ import annotations

import functools
import re
import unicodedata

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_RANGE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^!]+))!(.+)$")
_PUNCTUATION = re.compile(r"[^\w%€$£×+-]+")


def col_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def parse_cell(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref.strip())
    if not match:
        return None
    return int(match[2]) - 1, col_index(match[1])


def parse_range(text: str) -> tuple[str, int, int, int, int] | None:
    """``'Plan d’actions'!$A$1:$AB$62`` → (sheet, r1, c1, r2, c2), 0-based; None if not one."""
    match = _RANGE.match(text.strip())
    if not match:
        return None
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
    first, _, last = match[3].partition(":")
    start, end = parse_cell(first), parse_cell(last or first)
    if start is None or end is None:
        return None
    return sheet, start[0], start[1], end[0], end[1]


def normalise(text: object) -> str:
    """A header as compared: case, accents, apostrophes, punctuation and spaces folded."""
    if text is None:
        return ""
    return _fold(str(text))


@functools.lru_cache(maxsize=8192)  # headers, labels and list values recur on every row
def _fold(text: str) -> str:
    value = unicodedata.normalize("NFKD", text)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = value.replace("’", "'").casefold()
    value = _PUNCTUATION.sub(" ", value)
    return " ".join(value.split())
