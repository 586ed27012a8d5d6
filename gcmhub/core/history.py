"""Read an object's audit trail (django-simple-history) as rows a person can read."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def history_rows(obj, *, limit: int = 200) -> list[dict]:
    """Return the newest `limit` changes of `obj`, each with the fields that changed."""
    records = list(obj.history.select_related("history_user").order_by("-history_id")[: limit + 1])
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                changes.append(
                    {
                        "field": _field_label(obj, change.field),
                        "old": _display(obj, change.field, change.old),
                        "new": _display(obj, change.field, change.new),
                    }
                )
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": CHANGE_TYPES.get(record.history_type, record.history_type),
                "changes": changes,
                "reason": record.history_change_reason,
            }
        )
    return rows[:limit]


def _field_label(obj, name: str) -> str:
    try:
        return obj._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name


def _display(obj, name: str, value):
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and value is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return related if related is not None else value
    if value in (None, ""):
        return "—"
    return value
