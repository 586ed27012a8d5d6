"""Saving with an audit trail: every service write goes through `save_audited`."""


def save_audited(obj, *, by, update_fields=None, validate=True):
    """Validate and save `obj`, recording `by` as the author of the change in its history."""
    obj._history_user = by
    if validate:
        obj.full_clean()
    obj.save(update_fields=update_fields)
    return obj


def delete_audited(obj, *, by):
    obj._history_user = by
    obj.delete()
