"""Read audit trails (django-simple-history) as rows a person can read."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def history_rows(obj, *, limit: int = 200) -> list[dict]:
    """Return the newest `limit` changes of `obj`, each with the fields that changed."""
    return records_to_rows(obj.history.all(), limit=limit)


def records_to_rows(*querysets, limit: int = 200) -> list[dict]:
    """Merge historical records of one or more models, newest first, with what each changed.

    Each change is compared with the previous record of the same object, so the trail of
    several related objects (a framework with its priorities and outcomes) reads as one.
    """
    records = []
    for queryset in querysets:
        records += list(queryset.select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    previous_of = {}
    for record in sorted(records, key=lambda r: r.history_date):
        key = (type(record), record.id)
        record._previous = previous_of.get(key)
        previous_of[key] = record
    rows = []
    for record in records[:limit]:
        model = record.instance_type
        changes = []
        if record._previous is not None and record.history_type == "~":
            for change in record.diff_against(record._previous).changes:
                changes.append(
                    {
                        "field": _field_label(model, change.field),
                        "old": _display(model, change.field, change.old),
                        "new": _display(model, change.field, change.new),
                    }
                )
        if record.history_type == "~" and record._previous is not None and not changes:
            continue  # saved without a change: nothing to tell
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": CHANGE_TYPES.get(record.history_type, record.history_type),
                "object": f"{model._meta.verbose_name}: {record.instance}",
                "changes": changes,
                "reason": record.history_change_reason,
            }
        )
    return rows


def _field_label(model, name: str) -> str:
    try:
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name


def _display(model, name: str, value):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, BooleanField):
        return _("Yes") if value else _("No")
    if field.many_to_many:
        return _display_many(field, value or [])
    if field.is_relation and value is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return related if related is not None else value
    if value in (None, ""):
        return "—"
    return value


def _display_many(field, rows: list[dict]) -> str:
    """Name the objects of a many-to-many change, given as rows of its through table."""
    target = get_m2m_reverse_field_name(field)
    pks = [row[target] for row in rows if row.get(target) is not None]
    if not pks:
        return "—"
    objects = field.related_model._default_manager.in_bulk(pks)
    return ", ".join(str(objects.get(pk, pk)) for pk in pks)
