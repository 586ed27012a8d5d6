"""What every kind of record shares: its columns, the kind itself, and common columns."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SEP = "; "


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    hxl: str
    width: int = 14


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    columns: tuple[Column, ...]
    rows: Callable  # (cycle) -> Iterable[tuple]: one value per column, in their order
    count: Callable  # (cycle) -> int: how many rows, in one cheap query
    # (cycle) -> the columns after `columns` that the cycle's data defines (the categories of
    # its indicators' breakdowns), for a kind whose columns are not the same in every cycle
    more_columns: Callable | None = None

    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def columns_for(self, cycle) -> tuple[Column, ...]:
        return self.columns + (tuple(self.more_columns(cycle)) if self.more_columns else ())


def C(key, label, hxl, width=14) -> Column:
    """A column, short to write because the kinds are tables of them."""
    return Column(key, label, hxl, width)


def org_label(organisation) -> str:
    return organisation.label if organisation is not None else ""


def org_names(organisations: Iterable) -> str:
    return SEP.join(o.short_name for o in organisations)


def objective_numbers(objectives: Iterable) -> str:
    return SEP.join(str(o.number) for o in objectives)


# Columns that several kinds share.
ID = C("id", _("Record number"), "#meta+id", 10)
ORG = C("organisation", _("Organisation"), "#org+name", 40)
ORG_ID = C("organisation_id", _("Organisation number"), "#org+code", 10)
OBJ = C("objective", _("GCM objective number"), "#indicator+gcm+objective+num", 10)
OBJ_TITLE = C("objective_title", _("GCM objective"), "#indicator+gcm+objective+name", 50)
