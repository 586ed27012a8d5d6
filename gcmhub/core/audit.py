"""Saving with an audit trail: every service write goes through `save_audited`.

A save that would not change the stored row writes nothing: no row update and no history
record, so a form posted back untouched leaves no trace (issue 12).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import IntegerField
from django.db.models.fields.files import FieldFile


def _compared(model, update_fields=None):
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
        and (update_fields is None or f.name in update_fields or f.attname in update_fields)
    ]


def differs(obj, *, update_fields=None) -> bool:
    """Whether saving `obj` would change its row (always for an object not yet stored)."""
    if obj._state.adding or obj.pk is None:
        return True
    fields = _compared(obj.__class__, update_fields)
    stored = (
        obj.__class__._base_manager.filter(pk=obj.pk).values(*[f.attname for f in fields]).first()
    )
    if stored is None:
        return True
    for f in fields:
        value = getattr(obj, f.attname)
        if isinstance(value, FieldFile):
            if not value._committed or value.name != stored[f.attname]:
                return True
            continue
        if f.to_python(value) != f.to_python(stored[f.attname]):
            return True
    return False


def save_audited(obj, *, by, update_fields=None, validate=True, changed=None):
    """Validate and save `obj`, recording `by` as the author of the change in its history.

    Nothing is written when the stored row already holds these values (`changed`: the caller
    has already compared them).
    """
    obj._history_user = by
    if validate:
        obj.full_clean()
    if changed or (changed is None and differs(obj, update_fields=update_fields)):
        obj.save(update_fields=update_fields)
    return obj


def _has_counter(obj) -> bool:
    """Whether `obj` counts its saves in an integer `version` (a meeting's is a document's)."""
    try:
        return isinstance(obj._meta.get_field("version"), IntegerField)
    except FieldDoesNotExist:
        return False


def save_changed(obj, *, by, related_changed: bool = False, **stamps) -> bool:
    """Save `obj` if its fields differ from its stored row, or `related_changed` says that its
    related rows did: then, and only then, its `version` counter moves on and `stamps` (who
    and when: `updated_by=by`, `disposed_at=now`) are set. True when it was saved.
    """
    if not (related_changed or differs(obj)):
        return False
    if _has_counter(obj) and not obj._state.adding:
        obj.version += 1
    for name, value in stamps.items():
        setattr(obj, name, value)
    save_audited(obj, by=by, changed=True)
    return True


def locked(obj):
    """`obj` read again from the database and locked until the transaction ends.

    A service that changes an object it was handed starts from the stored row, not from the
    caller's copy: another service may have changed the row since the caller read it (in the
    same request or another), and saving the copy would put its old values back.
    """
    return obj.__class__._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)


def set_related(manager, objects) -> bool:
    """Make a many-to-many relation hold exactly `objects` (or their ids); True when that
    changed it."""
    objects = list(objects)
    wanted = {getattr(o, "pk", o) for o in objects}
    if wanted == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(objects)
    return True


def delete_audited(obj, *, by):
    obj._history_user = by
    obj.delete()
