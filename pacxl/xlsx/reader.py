"""``read_xlsx``: sniff, pre-flight, parse (in a child process), assemble the RawBook.

Reads like a table of contents: :func:`read_with_stats` refuses what is not an .xlsx from
its bytes, checks the central directory, then runs :func:`parse_file` in a forked child
(:mod:`.isolate`); the child reopens and rechecks the archive, reads the workbook map,
shared strings, styles and every sheet, and sends back columns that the parent turns
into :class:`RawBook`.
"""

from __future__ import annotations

import gc
import os
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import ReadError
from .cells import Book, Columns, ParsedSheet
from .files import open_input, os_error
from .isolate import RunStats, can_isolate, run_parallel
from .limits import MB, Limits
from .model import RawBook, RawSheet
from .package import SheetEntry, WorkbookMap, read_map
from .parts import Parts
from .preflight import check_entries, open_zip
from .reasons import xml_reason, zip_reason
from .sheet import read_sheet
from .sniff import probe
from .strings import read_strings
from .styles import read_styles

READABLE = ("xlsx", "xlsm")  # every other kind of sniff has its message, file_is_<kind>


SPLIT_BYTES = 16 * MB  # worksheet XML from which two children share the sheets


@dataclass
class ParsedBook:
    """What a parse says about the whole book (its sheets come one by one, as messages)."""

    sheets: int
    names: dict[str, str] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    date1904: bool = False
    macros: bool = False
    external_links: int = 0


def read_xlsx(
    path: str | os.PathLike[str],
    limits: Limits | None = None,
    *,
    isolate: bool = True,
    sheets: Collection[str] | None = None,
    skip_named: Collection[str] = (),
) -> RawBook:
    """Read the .xlsx (or .xlsm) at ``path``: every sheet's stored cells, names, properties.

    Args:
        path: the file; messages name it as given here.
        limits: the bounds the file must stay within (:class:`Limits` by default).
        isolate: parse in a child process with a memory limit and a timeout (POSIX).
        sheets: the names of the sheets whose cells to read, all by default; the others
            are listed in order with ``loaded=False`` and no cells (a sheet computed from
            the others, like a calendar, need not be parsed).
        skip_named: defined names (e.g. ``pacxl_sheet_calendrier``) whose sheet is not
            parsed either; the sheet is found through the name, so renaming it is fine.

    Returns:
        The workbook as stored; formulas are flagged, never evaluated.

    Raises:
        ReadError: the file is missing or unreadable, is not an .xlsx (the message says
            what it is and what to do), is damaged, or exceeds a limit.
    """
    return read_with_stats(path, limits, isolate=isolate, sheets=sheets,
                           skip_named=skip_named)[0]


def read_with_stats(
    path: str | os.PathLike[str],
    limits: Limits | None = None,
    *,
    isolate: bool = True,
    sheets: Collection[str] | None = None,
    skip_named: Collection[str] = (),
) -> tuple[RawBook, RunStats]:
    """Like :func:`read_xlsx`, with how the isolated parse went."""
    label, limits = os.fspath(path), limits or Limits()
    found = probe(label, label, limits)
    if found.kind == "corrupt":
        raise ReadError("file_corrupt_zip", path=label, reason=found.reason)
    if found.kind not in READABLE:
        raise ReadError(f"file_is_{found.kind}", path=label)
    if found.size > limits.max_file_bytes:
        raise ReadError(
            "file_too_big", path=label, size=found.size // MB, max=limits.max_file_bytes // MB
        )
    check_entries(found.members, label, limits)
    wanted = (None if sheets is None else frozenset(sheets), frozenset(skip_named))
    built = _Sheets()
    if isolate and can_isolate():
        shares = _shares(found.members)
        jobs = [(parse_file, (label, label, limits, wanted, (k, shares))) for k in range(shares)]
        answers, stats = run_parallel(jobs, label, limits, on_message=built.add)
        parsed = answers[0]
    else:
        parsed = parse_file(label, label, limits, wanted, (0, 1), built.add)
        stats = RunStats()
    with _no_gc():
        return assemble(parsed, built.ordered(parsed.sheets, label, limits)), stats


def _shares(members: list[zipfile.ZipInfo]) -> int:
    # two children for a big book on a machine with two cores or more, else one
    size = sum(m.file_size for m in members if m.filename.casefold().startswith("xl/worksheets/"))
    return 2 if size > SPLIT_BYTES and (os.cpu_count() or 1) > 1 else 1


class _Sheets:
    """Sheets built into RawSheets as they arrive (while a child parses the next one)."""

    def __init__(self) -> None:
        self.formats: list[str] = []
        self.raw: dict[int, RawSheet] = {}

    def add(self, message: tuple) -> None:
        if message[0] == "formats":
            self.formats = list(message[1])
        elif message[0] == "sheet" and isinstance(message[2], ParsedSheet):
            with _no_gc():
                self.raw[int(message[1])] = message[2].raw(self.formats)

    def ordered(self, count: int, label: str, limits: Limits) -> list[RawSheet]:
        """The sheets in tab order, once all are there and the cells within the limit."""
        if sorted(self.raw) != list(range(count)):
            raise ReadError("file_reader_crashed", path=label, reason="a sheet went missing")
        if sum(len(sheet.cells) for sheet in self.raw.values()) > limits.max_cells:
            raise ReadError("file_too_many_cells", path=label, max=limits.max_cells)
        return [self.raw[i] for i in range(count)]


def parse_file(
    path: str,
    label: str,
    limits: Limits,
    wanted: tuple[frozenset[str] | None, frozenset[str]],
    share: tuple[int, int],
    emit: Callable[[tuple], None],
) -> ParsedBook:
    """Open, check and parse the archive (the part that runs in a child).

    The format table, then each sheet (``("sheet", index, ParsedSheet)``) go to ``emit``
    as soon as they are ready. Only the sheets named in ``wanted`` (names, or None for
    all; less the sheets of the skipped defined names) are parsed; ``share`` = (k, n):
    this is the k-th of n children sharing the sheets.
    """
    with _no_gc(), _library_errors(label, limits):
        f, size = open_input(path, label)
        with f, open_zip(path, f, size, label, limits) as archive:
            members = check_entries(archive.infolist(), label, limits)
            return _parse(Parts(archive, members, limits, label), wanted, share, emit)


def _parse(
    parts: Parts,
    selection: tuple[frozenset[str] | None, frozenset[str]],
    share: tuple[int, int],
    emit: Callable[[tuple], None],
) -> ParsedBook:
    book_map = read_map(parts)
    wanted = _selected(book_map, *selection)
    styles = parts.xml(book_map.styles) if book_map.styles and parts.has(book_map.styles) else None
    book = Book(parts.label, parts.limits, date1904=book_map.date1904, styles=read_styles(styles))
    book.strings = read_strings(parts, book_map.strings, parts.limits)
    emit(("formats", book.styles.formats))
    entries = book_map.sheets
    weights = [
        parts.members[e.part.casefold()].file_size if e.part and _wanted(e, wanted) else 0
        for e in entries
    ]
    for index in _mine(weights, *share):
        entry = entries[index]
        if entry.part and _wanted(entry, wanted):
            sheet = read_sheet(parts, book, entry.name, entry.part, entry.hidden)
        else:
            sheet = ParsedSheet(entry.name, entry.hidden, Columns(), [], _wanted(entry, wanted))
        emit(("sheet", index, sheet))
    names = [name.casefold() for name in parts.names()]
    return ParsedBook(
        len(entries),
        book_map.names,
        book_map.properties,
        book_map.date1904,
        macros=any(name.endswith("vbaproject.bin") for name in names),
        external_links=sum(_is_external_link(name) for name in names),
    )


def _selected(book_map: WorkbookMap, names: frozenset[str] | None,
              skip_named: frozenset[str]) -> frozenset[str] | None:
    """The sheet names to parse: those asked for, less the sheets the skipped names target."""
    skipped = {_sheet_of(book_map.names[n]) for n in skip_named if n in book_map.names}
    if not skipped:
        return names
    every = names if names is not None else frozenset(e.name for e in book_map.sheets)
    return frozenset(every - skipped)


def _sheet_of(reference: str) -> str:
    """The sheet of a defined name's reference (``'Plan d’actions'!$A$1``)."""
    sheet, _, _ = reference.lstrip("=").rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet


def _wanted(entry: SheetEntry, wanted: frozenset[str] | None) -> bool:
    return wanted is None or entry.name in wanted


def _mine(weights: list[int], k: int, n: int) -> list[int]:
    # the sheets child k of n parses: the heaviest first to the least loaded child
    if n == 1:
        return list(range(len(weights)))
    loads, owner = [0] * n, {}
    for index in sorted(range(len(weights)), key=lambda i: -weights[i]):
        child = loads.index(min(loads))
        owner[index] = child
        loads[child] += weights[index]
    return [index for index in range(len(weights)) if owner[index] == k]


def _is_external_link(name: str) -> bool:
    return name.startswith("xl/externallinks/") and "/_rels/" not in name and name.endswith(".xml")


def assemble(parsed: ParsedBook, sheets: list[RawSheet]) -> RawBook:
    """The :class:`RawBook` of a parse result and its sheets."""
    return RawBook(
        sheets,
        parsed.names,
        parsed.properties,
        parsed.date1904,
        parsed.macros,
        parsed.external_links,
    )


@contextmanager
def _no_gc() -> Iterator[None]:
    # building millions of tuples triggers full collections that find nothing to free
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _library_errors(label: str, limits: Limits) -> Iterator[None]:
    # whatever a library raises past the specific handlers becomes a ReadError
    try:
        yield
    except ReadError:
        raise
    except MemoryError:
        raise ReadError("file_out_of_memory", path=label, max=limits.memory_bytes // MB) from None
    except OSError as error:
        raise os_error(error, label) from error
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ReadError("file_corrupt_zip", path=label, reason=zip_reason(error)) from error
    except (ET.ParseError, UnicodeDecodeError) as error:
        raise ReadError("file_bad_xml", path=label, part="?", reason=xml_reason(error)) from error
