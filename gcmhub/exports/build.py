"""The files of an export of a whole cycle: one table per kind of record (`kinds`), written as
Excel, CSV in a zip or JSON (`writers`). What a worker runs for an `ExportJob` (the model
imports this module, never the other way round)."""

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from gcmhub.exports import kinds as kinds_module
from gcmhub.exports import writers


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (one sheet per kind of record)")
    CSV = "csv", _("CSV files in a zip (one file per kind of record)")
    JSON = "json", _("JSON (one document)")


EXTENSIONS = {ExportFormat.XLSX: "xlsx", ExportFormat.CSV: "zip", ExportFormat.JSON: "json"}
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "application/zip",
    ExportFormat.JSON: "application/json",
}


def export_filename(cycle, *, fmt: str, language: str) -> str:
    day = timezone.localdate().isoformat()
    suffix = "-csv" if fmt == ExportFormat.CSV else ""
    return f"gcmhub-{cycle.network.slug}-{cycle.pk}-{day}-{language}{suffix}.{EXTENSIONS[fmt]}"


def build_tables(cycle, *, progress: Callable[[int], None] | None = None, share: int = 90):
    """Read every kind of record of `cycle` (labels in the active language)."""
    tables = []
    for done, kind in enumerate(kinds_module.KINDS, start=1):
        columns = kind.columns_for(cycle)
        tables.append(
            writers.Table(
                key=kind.key,
                label=str(kind.label),
                keys=[c.key for c in columns],
                labels=[str(c.label) for c in columns],
                hashtags=[c.hxl for c in columns],
                widths=[c.width for c in columns],
                rows=list(kind.rows(cycle)),
            )
        )
        if progress:
            progress(share * done // len(kinds_module.KINDS))
    return tables


def build_export(
    cycle, *, fmt: str, language: str, hxl: bool, progress: Callable[[int], None] | None = None
) -> tuple[str, bytes]:
    """Return the file name and content of an export of the whole cycle, in `fmt`."""
    if fmt not in ExportFormat.values:
        raise ValueError(f"Unknown export format: {fmt!r}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language: {language!r}")
    with override(language):
        tables = build_tables(cycle, progress=progress)
        if fmt == ExportFormat.XLSX:
            content = writers.tables_xlsx(tables, hxl=hxl)
        elif fmt == ExportFormat.CSV:
            content = writers.tables_csv_zip(tables, hxl=hxl, readme=_readme(cycle, tables))
        else:
            content = writers.tables_json(tables, meta=_meta(cycle, language))
    if progress:
        progress(100)
    return export_filename(cycle, fmt=fmt, language=language), content


def _meta(cycle, language: str) -> dict:
    return {
        "cycle": {
            "id": cycle.pk,
            "title": cycle.display_title,
            "network": cycle.network.slug,
            "network_name": cycle.network.display_name,
            "country": cycle.country.code,
            "start_date": cycle.start_date.isoformat(),
            "end_date": cycle.end_date.isoformat(),
        },
        "language": language,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "generator": "gcmhub",
    }


def _readme(cycle, tables) -> str:
    lines = [f"gcmhub · {cycle.network.display_name} · {cycle.display_title}", ""]
    lines += [f"{t.key}.csv\t{t.label}\t{len(t.rows)}" for t in tables]
    return "\n".join(lines) + "\n"
