"""The words the analysis reads and writes, taken from the workbook description.

The workbook's formulas compare cells with words of its own language («Baisse», «Terminée»,
«Qualitatif») and answer with the words of ``[gap_status]``. :class:`Vocabulary` gathers
those words once, in the workbook's language, so that the rules compare and answer exactly
as the formulas do. Spreadsheets compare text without regard to case, so the words a rule
compares with are kept case-folded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..spec import Spec
from .arrays import strings

STATUS_KEYS = ("met", "near", "missed", "missing", "qualitative", "tracking")
PROGRESS_KEYS = ("todo", "doing", "done", "postponed", "cancelled")  # the «Avancement» list
DECISION_KEYS = ("keep", "stop", "start", "adjust")  # the «Décisions» list


@dataclass(frozen=True)
class Vocabulary:
    """The workbook's words for one language and currency."""

    lang: str
    status: dict[str, str]  # status key -> word shown («met» -> «Atteint»)
    late: str
    down: str  # case-folded direction words the formulas test
    none: str
    qualitative_type: str  # case-folded «Qualitatif» of the objective types list
    progress: dict[str, str]  # case-folded progress words -> key
    decisions: dict[str, str]  # case-folded decision words -> key
    flow_units: frozenset[str]  # case-folded units of amounts that add up over time
    quarter_label: str  # "T{q}"

    def status_key(self, word: str) -> str:
        """The key of a status word (a qualitative objective's chosen status), or ""."""
        folded = word.casefold()
        return next((k for k, w in self.status.items() if w.casefold() == folded), "")


def vocabulary(spec: Spec, lang: str, currency: str | None = None) -> Vocabulary:
    """The words of the workbook description in ``lang``, money in ``currency``'s symbol."""
    symbol = spec.currencies.get(currency or "EUR", spec.currencies["EUR"])["symbol"]

    def words(list_key: str, keys: tuple[str, ...]) -> dict[str, str]:
        values = spec.list(list_key).values
        return {v(lang).casefold(): k for v, k in zip(values, keys, strict=False)}

    units = spec.list("units").values  # [currency, %, count, days, score]
    _, calendar = spec.section("calendar")
    return Vocabulary(
        lang=lang,
        status={k: spec.label("gap_status", k)(lang) for k in STATUS_KEYS},
        late=spec.label("gap_status", "late")(lang),
        down=spec.label("direction_labels", "down")(lang).casefold(),
        none=spec.label("direction_labels", "none")(lang).casefold(),
        qualitative_type=spec.list("objective_types").values[1](lang).casefold(),
        progress=words("statuses", PROGRESS_KEYS),
        decisions=words("decisions", DECISION_KEYS),
        flow_units=frozenset({units[0](lang).replace("{symbol}", symbol).casefold(),
                              units[2](lang).casefold()}),
        quarter_label=calendar.options["quarter_label"][0 if lang == "fr" else 1],
    )


def texts(series: pd.Series) -> np.ndarray:
    """Text cells as an array of str, an empty cell as ""."""
    if isinstance(series.dtype, pd.StringDtype):  # as read: no conversion to pay for
        return np.array([v if isinstance(v, str) else "" for v in series.to_numpy(object)],
                        dtype=object)
    return series.astype("string").fillna("").to_numpy(object)


def folded_array(series: pd.Series) -> np.ndarray:
    """:func:`folded` as an array of str."""
    return np.array([v.casefold() for v in texts(series)], dtype=object)


def folded(series: pd.Series) -> pd.Series:
    """Text as a spreadsheet compares it: case-folded, an empty cell as ""."""
    return pd.Series(strings(folded_array(series)), index=series.index, name=series.name)


def lookup(words: np.ndarray, table: dict[str, str]) -> np.ndarray:
    """The key of each folded word of a list (``table`` maps folded words to keys), else ""."""
    return np.array([table.get(word, "") for word in words], dtype=object)


def keys_of(series: pd.Series, table: dict[str, str]) -> pd.Series:
    """The key of each word of a list (``table`` maps folded words to keys), else ""."""
    return pd.Series(strings(lookup(folded_array(series), table)), index=series.index,
                     name=series.name)
