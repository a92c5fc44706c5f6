"""A small, fast evaluator for the Excel formulas pacxl writes.

Scope: en-US formula text (English function names, comma separators, A1 references,
quoted sheet names, defined names, whole columns) and the functions of ALLOWED_FUNCTIONS,
chosen because Excel, LibreOffice 7.x and Gnumeric compute them identically.  The workbook
writer uses it to store each formula's value as the cached value (what LibreOffice shows by
default), and tests use it to compare with a real engine's recalculation.

Numbers come out as float, booleans as bool, text as str, errors as ExcelError; an empty
cell is None.  Formulas are parsed once per *shape* (the text with its cell references
lifted out, so a formula copied down a column is parsed once) and compiled to closures.

Not supported (FormulaError at parse time): other functions, array constants ``{...}``,
structured references, R1C1 references, the intersection (space) and union operators.
Array evaluation (element-wise operators) happens only inside SUMPRODUCT.

Known limits: text order (``<`` on text, MATCH type 1/-1) is case-insensitive code-point
order, not a locale collation (equality is exact); MATCH type 1/-1 scans linearly, which
agrees with Excel's binary search on sorted data only; a circular reference gives #REF!;
inside SUMPRODUCT, whole-column ranges stop at the sheet's last used row.

Portability (cross-checked with LibreOffice 7 and Gnumeric; the evaluator follows Excel).
Formulas that avoid the following compute the same in all three:
  - boolean *cells* in ranges or compared with text (LibreOffice stores TRUE as the number
    1, so SUM, COUNT, MIN, MAX, SUMIF, COUNTIF count it) and booleans in text ("a"&TRUE is
    "a1" in LibreOffice): write 1/0 or text instead;
  - SUMPRODUCT over bare comparisons: write SUMPRODUCT(--(B1:B9="x")), not
    SUMPRODUCT(B1:B9="x") (LibreOffice counts the TRUEs); functions applied to ranges inside
    SUMPRODUCT (YEAR(H1:H9), IF, IFERROR) fail in Gnumeric: use operators only;
  - text or booleans given directly to SUM/COUNT/AVERAGE/MAX (three different answers);
  - chained powers 2^3^2 (right-associative in Gnumeric), 0^0, 0^-1, (-8)^(1/3);
  - INDEX with a single index on a one-row range, with 0, or out of range; SUMIF whose sum
    range has another size than its range (Gnumeric: #VALUE!);
  - COUNTIF(range, 5) against numbers stored as text (LibreOffice does not match them), an
    empty cell as criterion (Gnumeric matches nothing);
  - DATE with a two-digit year (LibreOffice reads 27 as 2027), negative serials;
  - defined names spelled with another case, sheet names containing an apostrophe
    (both fail in Gnumeric);
  - numbers turned into text from 1E+15 up (LibreOffice "1000000000000000"/"1E+016"); an
    error on each side of an operator (LibreOffice reports the right-hand one).
INT, ROUNDUP, ROUNDDOWN and MOD round their input to 15 significant digits first, as
LibreOffice does (INT((0.1+0.7)*10) is 8; Gnumeric gives 7 for INT(2.9999999999999996)).
"""

from .compiler import compile_formula
from .evaluator import Book, Evaluator
from .parser import functions_used
from .registry import FUNCTIONS
from .values import (
    DIV0,
    NA,
    NAME,
    NUM,
    REF,
    VALUE,
    ExcelError,
    FormulaError,
    date_to_serial,
    serial_to_date,
)

ALLOWED_FUNCTIONS: frozenset[str] = frozenset(FUNCTIONS)

__all__ = [
    "ALLOWED_FUNCTIONS",
    "DIV0",
    "NA",
    "NAME",
    "NUM",
    "REF",
    "VALUE",
    "Book",
    "Evaluator",
    "ExcelError",
    "FormulaError",
    "compile_formula",
    "date_to_serial",
    "functions_used",
    "serial_to_date",
]
