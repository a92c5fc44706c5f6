"""Number formats of the cell styles (``xl/styles.xml``), and which of them are dates.

A stored date is only a number; its style's format code says it is a date. Built-in ids
14–22 and 45–47 are dates and times everywhere, 27–36 and 50–58 in East Asian locales;
a custom code is a date when d, m, y, h or s appears outside quotes, escapes and brackets.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

GENERAL = "General"
BUILTIN = {
    0: GENERAL, 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip
DATE_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_LITERALS = re.compile(r'"[^"]*"?|\\.|_.|\*.|\[[^\]]*\]?')
_DATE_LETTERS = re.compile(r"[dmyhsDMYHS]")


def is_date_format(code: str) -> bool:
    """True if the number format ``code`` shows a date or a time.

    >>> is_date_format("dd/mm/yyyy"), is_date_format('#,##0" days"'), is_date_format("[h]:mm")
    (True, False, True)
    """
    return _DATE_LETTERS.search(_LITERALS.sub("", code)) is not None


@dataclass
class Styles:
    """For each cell style (``s``), its format: an index into ``formats``, and if a date."""

    formats: list[str] = field(default_factory=lambda: [GENERAL])
    cell_formats: list[int] = field(default_factory=lambda: [0])
    dates: list[bool] = field(default_factory=lambda: [False])

    def by_attribute(self) -> dict[bytes, tuple[int, str]]:
        """``s`` attribute bytes -> (format index, kind of a number: "d" or "n")."""
        table = {b"": (self.cell_formats[0], "d" if self.dates[0] else "n")}
        for index, (fmt, date) in enumerate(zip(self.cell_formats, self.dates, strict=True)):
            table[str(index).encode()] = (fmt, "d" if date else "n")
        return table

    def lookup(self, s: bytes) -> tuple[int, str]:
        """Like ``by_attribute()[s]``, for any text: an unknown style is the default one."""
        try:
            index = int(s) if s else 0
        except ValueError:
            index = 0
        if not 0 <= index < len(self.cell_formats):
            index = 0
        return self.cell_formats[index], "d" if self.dates[index] else "n"


def read_styles(root: ET.Element | None) -> Styles:
    """The cell formats of a parsed ``styles.xml`` (the defaults when there is none)."""
    styles = Styles()
    if root is None:
        return styles
    custom = {
        _int(e.get("numFmtId")): e.get("formatCode") or GENERAL
        for e in root.iter()
        if _local(e.tag) == "numFmt"
    }
    xfs = next((e for e in root.iter() if _local(e.tag) == "cellXfs"), None)
    if xfs is None:
        return styles
    styles.cell_formats, styles.dates = [], []
    index_of = {GENERAL: 0}
    for xf in xfs:
        if _local(xf.tag) != "xf":
            continue
        number = _int(xf.get("numFmtId"))
        code = custom.get(number) or BUILTIN.get(number) or _unnamed(number)
        if code not in index_of:
            index_of[code] = len(styles.formats)
            styles.formats.append(code)
        styles.cell_formats.append(index_of[code])
        styles.dates.append(is_date_format(code) if number in custom else number in DATE_IDS)
    if not styles.cell_formats:
        styles.cell_formats, styles.dates = [0], [False]
    return styles


def _unnamed(number: int) -> str:
    # a built-in id whose code depends on the locale
    return BUILTIN[14] if number in DATE_IDS else GENERAL


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
