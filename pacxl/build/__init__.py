"""Build the in-memory workbook (:class:`~pacxl.book.BookModel`) from the description.

``build_book`` is the table of contents: lay the sections out, fill each with its builder,
then name the ranges, set up the sheets and place the charts.
"""

from __future__ import annotations

from ..book import BookModel, SheetModel
from ..layout import Layout, Placement, cell_ref
from ..options import NewOptions
from ..spec import Chart, SheetSpec, Spec, load_spec
from .calendar import build_calendar
from .catalogue import build_catalogue
from .context import Ctx
from .forms import build_form, build_lists, build_text
from .kpi import build_kpi
from .table import build_table

BUILDERS = {
    "text": build_text, "form": build_form, "lists": build_lists, "table": build_table,
    "kpi": build_kpi, "calendar": build_calendar, "catalogue": build_catalogue,
}
CHART_ROWS = 18  # height of a chart on the dashboard, in rows


def build_book(options: NewOptions, spec: Spec | None = None) -> BookModel:
    """Lay out and fill every sheet of a blank PAC workbook.

    Args:
        options: the checked options (see :func:`pacxl.options.new_options`).
        spec: the description; the shipped one by default.

    Returns:
        The workbook model, formulas not yet evaluated.
    """
    spec = spec or load_spec()
    layout = Layout(spec, options)
    book = BookModel([SheetModel(s.key, s.name(options.lang), portrait=s.portrait,
                                 pages_wide=s.pages_wide) for s in spec.sheets],
                     lang=options.lang)
    ctx = Ctx(spec, options, layout, book)
    for sheet in spec.sheets:
        model = ctx.sheet_model(sheet)
        for section in sheet.sections:
            BUILDERS[section.kind](ctx, sheet, model, layout.places[section.key])
        _set_up(ctx, sheet, model)
    _identity(ctx)
    return book


def _set_up(ctx: Ctx, sheet: SheetSpec, model: SheetModel) -> None:
    """Frozen header, printed titles, widths, section names and charts of one sheet."""
    for col, width in enumerate(sheet.widths):
        model.widths[col] = width
    if sheet.freeze:
        place = ctx.layout.places[sheet.freeze]
        model.freeze = (place.header + 1, sheet.freeze_columns)
        model.repeat_rows = (place.header, place.header)
    for section in sheet.sections:
        place = ctx.layout.places[section.key]
        width = max(place.columns.values(), default=1)
        ref = f"{cell_ref(place.top, 0, True, True)}:{cell_ref(place.bottom, width, True, True)}"
        ctx.book.names[f"pacxl_{section.key}"] = ctx.layout.qualify(section.key, None, ref)
    right = max((c for _, c in model.cells), default=0) + 2
    for i, chart in enumerate(sheet.charts):
        model.charts.append(_chart(ctx, sheet, chart, (i * CHART_ROWS, right)))


def _series_range(ctx: Ctx, key: str) -> tuple[str, int, int, int, int]:
    """``section.column`` (or a calendar row) as (sheet name, first row, col, last row, col)."""
    section_key, column = key.split(".")
    place: Placement = ctx.layout.places[section_key]
    name = place.sheet.name(ctx.lang)
    if place.section.kind == "calendar":
        months = [place.col(f"m{i + 1:02}") for i in range(12)]
        row = place.header if column == "months" else place.rows["month_total"]
        return name, row, months[0], row, months[-1]
    col = place.col(column)
    return name, place.first, col, place.last, col


def _chart(ctx: Ctx, sheet: SheetSpec, chart: Chart, anchor: tuple[int, int]) -> dict:
    return {
        "type": chart.type,
        "subtype": chart.subtype,
        "title": ctx.t(chart.title),
        "anchor": anchor,
        "categories": _series_range(ctx, chart.categories),
        "value_format": chart.value_format,
        "category_format": chart.category_format,
        "series": [{"name": ctx.t(_text(s["name"])), "values": _series_range(ctx, s["values"]),
                    "colour": s.get("colour")} for s in chart.series],
    }


def _text(value: list[str] | str):
    from ..spec import text

    return text(value)


def _identity(ctx: Ctx) -> None:
    """The invisible identity the importer recognises: document properties and names."""
    identity = ctx.spec.identity
    prefix = identity["property_prefix"]
    from .. import __version__

    ctx.book.properties = {
        f"{prefix}.kind": identity["kind"],
        f"{prefix}.version": str(identity["version"]),
        f"{prefix}.lang": ctx.lang,
        f"{prefix}.generator": f"pacxl {__version__}",
    }
    ctx.book.names[identity["name"]] = f'="{identity["kind"]};{identity["version"]};{ctx.lang}"'
    for sheet in ctx.spec.sheets:
        ref = f"{_quote(sheet.name(ctx.lang))}!$A$1"
        ctx.book.names[f"pacxl_sheet_{sheet.key}"] = ref
    ctx.book.title = ctx.fill(ctx.spec.sheet("lisez_moi").sections[0].items[0].text(ctx.lang))


def _quote(name: str) -> str:
    from ..layout import quote_sheet

    return quote_sheet(name)
