"""Which texts have editions in two languages, registered by the apps that own them.

Each app registers its models from its AppConfig.ready():

    register(Paired(
        model=Synthesis,
        fields=("text",),
        language=lambda synthesis: synthesis.language,       # the original's language
        cycle=lambda synthesis: synthesis.cycle,             # where it belongs (access, queues)
        may_translate=lambda user, synthesis: ...,           # who may write its translation
        label=lambda synthesis: ...,                         # how a queue names it
        url=lambda synthesis: ...,                           # the page that shows (edits) it
        changed=lambda synthesis: (synthesis.updated_by, synthesis.updated_at),
    ))

and may name the texts of a cycle its translation queue lists (`register_cycle_texts`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Paired:
    model: type
    fields: tuple[str, ...]
    language: Callable[[Any], str]
    cycle: Callable[[Any], Any]
    may_translate: Callable[[Any, Any], bool]
    label: Callable[[Any], str] = str
    url: Callable[[Any], str | None] | None = None
    # Who changed the original last, and when: (user or None, datetime or None).
    changed: Callable[[Any], tuple] | None = None
    rich: tuple[str, ...] = ()  # fields holding sanitised HTML (the rich-text editor)
    select_related: tuple[str, ...] = ()  # what the translate page reads with the object
    cycle_path: str = "cycle"  # the lookup from the object to its cycle (its history's too)

    @property
    def key(self) -> str:
        return label_of(self.model)


_PAIRED: dict[str, Paired] = {}
_CYCLE_TEXTS: list[Callable[[Any], Iterable]] = []
_CYCLE_STAMPS: list[Callable[[Any], str]] = []


def changed_in_history(obj) -> tuple:
    """(who, when) of the latest change of `obj`, read from its audit history (None, None
    before any): the `changed` of a text whose model keeps no "last changed by"."""
    record = obj.history.select_related("history_user").order_by("-history_date").first()
    return (record.history_user, record.history_date) if record else (None, None)


def changed_in_histories(objs) -> dict:
    """`changed_in_history` of many objects of one model at once (one query): {pk: (who,
    when)}; an object without history is left out."""
    from django.db.models import Max

    if not objs:
        return {}
    history = type(objs[0]).history.model
    pks = [obj.pk for obj in objs]
    latest = history.objects.filter(id__in=pks).values("id").annotate(last=Max("history_id"))
    rows = history.objects.filter(history_id__in=latest.values("last")).select_related(
        "history_user"
    )
    return {row.id: (row.history_user, row.history_date) for row in rows}


def label_of(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def register(paired: Paired) -> None:
    _PAIRED[paired.key] = paired


def register_cycle_texts(
    texts: Callable[[Any], Iterable], stamp: Callable[[Any], str] | None = None
) -> None:
    """`texts(cycle)`: the registered objects of a cycle its translation queue lists.
    `stamp(cycle)`: what else decides which they are, beyond the texts' own history (a
    document locked by its final version), as a short string: the remembered queue is made
    again when it changes."""
    if texts not in _CYCLE_TEXTS:
        _CYCLE_TEXTS.append(texts)
    if stamp is not None and stamp not in _CYCLE_STAMPS:
        _CYCLE_STAMPS.append(stamp)


def cycle_texts_stamp(cycle) -> str:
    return ":".join(stamp(cycle) for stamp in _CYCLE_STAMPS)


def paired_of(obj_or_model) -> Paired:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    try:
        return _PAIRED[label_of(model)]
    except KeyError:
        raise LookupError(f"{label_of(model)} has no editions registered") from None


def all_paired() -> list[Paired]:
    return list(_PAIRED.values())


def paired_by_key(key: str) -> Paired | None:
    return _PAIRED.get(key)


def is_paired(obj) -> bool:
    return label_of(type(obj)) in _PAIRED


def cycle_texts(cycle) -> list:
    found = []
    for texts in _CYCLE_TEXTS:
        found.extend(texts(cycle))
    return found
