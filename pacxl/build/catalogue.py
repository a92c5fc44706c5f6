"""The indicator catalogue: every KPI total, to pick on the dashboard."""

from __future__ import annotations

from ..book import Formula, SheetModel
from ..layout import Placement, cell_ref, col_letter
from ..spec import SheetSpec
from . import rules
from .context import Ctx


def entry_label(ctx: Ctx, sheet: SheetSpec, section_key: str, metric_key: str) -> str:
    """How an indicator is named in the catalogue: «1 Commercial · Chiffre d’affaires»."""
    _, section = ctx.spec.section(section_key)
    metric = ctx.t(section.metric(metric_key).label)
    pattern = ctx.layout.places["catalogue"].section.options["label"]
    return pattern.format(tab=sheet.name(ctx.lang), metric=metric)


def build_catalogue(ctx: Ctx, sheet: SheetSpec, model: SheetModel, place: Placement) -> None:
    section = place.section
    model.put(place.top, 0, ctx.t(section.title), "title")
    for col in section.columns:
        model.put(place.header, place.col(col.key), ctx.t(col.header), "header")
    for row, (section_key, line, metric_key) in zip(
            range(place.first, place.last + 1), place.entries, strict=True):
        kpi = ctx.layout.places[section_key]
        metric = kpi.section.metric(metric_key)
        model.put(row, place.col("label"), entry_label(ctx, kpi.sheet, section_key, metric_key),
                  "calc:text")
        model.put(row, place.col("unit"), ctx.label("unit_labels", metric.unit), "calc:text")
        model.put(row, place.col("direction"),
                  ctx.label("direction_labels", metric.direction), "calc:text")
        for period in ("n1", "objective", "result"):
            ref = ctx.layout.kpi_cell(section_key, line, metric_key, period, sheet.key)
            model.put(row, place.col(period), Formula(f'=IF({ref}="","",{ref})'), "calc:number")
        status = ctx.layout.kpi_cell(section_key, line, metric_key, "status", sheet.key)
        model.put(row, place.col("status"), Formula(f"={status}"), "calc:text")
    unit_ref = f"${col_letter(place.col('unit'))}{place.first + 1}"
    for period in ("n1", "objective", "result"):
        c = place.col(period)
        rules.unit_formats(ctx, model, (place.first, c), (place.last, c), unit_ref)
    rules.status_colours(ctx, model, (place.first, place.col("status")),
                         (place.last, place.col("status")))
    first = cell_ref(place.first, place.col("label"), True, True)
    last = cell_ref(place.last, place.col("label"), True, True)
    ctx.book.names[section.options["name"]] = ctx.layout.qualify(section.key, None,
                                                                 f"{first}:{last}")
