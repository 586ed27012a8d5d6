"""Read audit trails (django-simple-history) as rows a person can read.

A trail is read in a fixed number of queries however long it is: the records with the
objects they point to, the many-to-many rows of all of them at once, and the objects the
changes name, one query per kind of object."""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, ForeignKey
from django.forms.models import model_to_dict
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
        records += list(_with_relations(queryset).order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    previous_of = {}
    for record in sorted(records, key=lambda r: r.history_date):
        key = (type(record), record.id)
        record._previous = previous_of.get(key)
        previous_of[key] = record
    shown = records[:limit]
    m2m = _m2m_rows([r for r in shown if r.history_type == "~" and r._previous is not None])
    changed = []
    for record in shown:
        changes = []
        if record._previous is not None and record.history_type == "~":
            changes = _changes(record, record._previous, m2m)
            if not changes:
                continue  # saved without a change: nothing to tell
        changed.append((record, changes))
    named = _named_objects(changed)
    rows = []
    for record, changes in changed:
        model = record.instance_type
        rows.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": CHANGE_TYPES.get(record.history_type, record.history_type),
                "object": f"{model._meta.verbose_name}: {_instance(record)}",
                "changes": [
                    {
                        "field": _field_label(model, name),
                        "old": _display(model, name, old, named),
                        "new": _display(model, name, new, named),
                    }
                    for name, old, new in changes
                ],
                "reason": record.history_change_reason,
            }
        )
    return rows


def _with_relations(queryset):
    """The records with the user and the objects their foreign keys point to (what the
    object's name may read)."""
    related = [
        f.name
        for f in queryset.model._meta.fields
        if isinstance(f, ForeignKey) and f.name not in ("history_user", "history_relation")
    ]
    return queryset.select_related("history_user", *related)


def _instance(record):
    """The object as the record saw it, with the related objects the record has loaded."""
    instance = record.instance
    instance._state.fields_cache.update(record._state.fields_cache)
    return instance


def _m2m_rows(records) -> dict:
    """{(historical model, field name, history id): [rows of its through table]} for the
    records and their previous records, one query per many-to-many field."""
    found = {}
    by_model = defaultdict(list)
    for record in records:
        by_model[type(record)] += [record, record._previous]
    for historical, of_model in by_model.items():
        ids = [r.pk for r in of_model]
        for field in of_model[0]._history_m2m_fields:
            through = getattr(of_model[0], field.name).model
            reverse = get_m2m_reverse_field_name(
                of_model[0].instance_type._meta.get_field(field.name)
            )
            columns = [
                f.name
                for f in through._meta.fields
                if f.editable and f.name not in ["id", "m2m_history_id", "history"]
            ]
            for history_id in ids:
                found[historical, field.name, history_id] = []
            rows = (
                through.objects.filter(history_id__in=ids)
                .order_by("history_id", reverse)
                .values("history_id", *columns)
            )
            for row in rows:
                found[historical, field.name, row.pop("history_id")].append(row)
    return found


def _changes(record, previous, m2m) -> list[tuple]:
    """(field name, old, new) of what changed from `previous` to `record`, as
    `diff_against` tells it, without a query."""
    m2m_names = {f.name for f in previous._history_m2m_fields}
    names = {f.name for f in previous.tracked_fields if f.editable} - m2m_names
    old, new = model_to_dict(previous, fields=names), model_to_dict(record, fields=names)
    changes = [(name, old[name], new[name]) for name in names if old[name] != new[name]]
    for name in m2m_names:
        before = m2m[type(record), name, previous.pk]
        after = m2m[type(record), name, record.pk]
        if before != after:
            changes.append((name, before, after))
    return sorted(changes, key=lambda change: change[0])


def _field_of(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _named_objects(changed) -> dict:
    """{related model: {pk: object}} of every object the changes name."""
    wanted = defaultdict(set)
    for record, changes in changed:
        for name, old, new in changes:
            field = _field_of(record.instance_type, name)
            if field is None or field.choices or isinstance(field, BooleanField):
                continue
            for value in (old, new):
                if field.many_to_many:
                    target = get_m2m_reverse_field_name(field)
                    wanted[field.related_model] |= {
                        row[target] for row in value or [] if row.get(target) is not None
                    }
                elif field.is_relation and value is not None:
                    wanted[field.related_model].add(value)
    return {model: _with_parents(model).in_bulk(pks) for model, pks in wanted.items()}


def _with_parents(model):
    """The objects with those their foreign keys point to (what their names may read)."""
    parents = [f.name for f in model._meta.fields if isinstance(f, ForeignKey)]
    return model._default_manager.select_related(*parents)


def _field_label(model, name: str) -> str:
    field = _field_of(model, name)
    return field.verbose_name if field is not None else name


def _display(model, name: str, value, named: dict):
    field = _field_of(model, name)
    if field is None:
        return value
    if field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, BooleanField):
        return _("Yes") if value else _("No")
    if field.many_to_many:
        return _display_many(field, value or [], named)
    if field.is_relation and value is not None:
        return named[field.related_model].get(value, value)
    if value in (None, ""):
        return "—"
    return value


def _display_many(field, rows: list[dict], named: dict) -> str:
    """Name the objects of a many-to-many change, given as rows of its through table."""
    target = get_m2m_reverse_field_name(field)
    pks = [row[target] for row in rows if row.get(target) is not None]
    if not pks:
        return "—"
    objects = named[field.related_model]
    return ", ".join(str(objects.get(pk, pk)) for pk in pks)
