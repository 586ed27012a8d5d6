"""The kinds of document the engine writes, registered by the apps that own them.

`documents` knows no document kind: each kind's app (the needs assessment report in `report`,
the terms of reference in coordination, the voluntary review in `imrf`) registers it from its
AppConfig.ready():

    register_kind(Kind(key="needs_assessment", label=_("Needs assessment report"),
                       titles=("GCM Needs Assessment Report", "..."), outline=[...],
                       parts=[Part("findings", _("Findings ..."), build=_findings, ...)]))

A `Part` is a kind of section: its data builder (`build(data)` returns the data the
renderers draw after the written text) and its check that the data says something
(`has_data(section)`, used to warn before a version goes out with an empty section).
`kind_of(document)` reads a document's kind back.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

NARRATIVE = "narrative"


@dataclass(frozen=True)
class Part:
    """A kind of section: written text, optionally followed by data built live."""

    key: str
    label: str
    build: Callable | None = None  # build(data) -> dict of data for the renderers
    has_data: Callable | None = None  # has_data(built section) -> bool; None: never empty
    link: str | None = None  # the URL name of the page that edits its data (document_pk)


@dataclass(frozen=True)
class Kind:
    """A kind of document: its names, its default outline and its kinds of section."""

    key: str
    label: str
    titles: tuple[str, str]  # the default title in English and in Turkish
    outline: list[tuple[str, str, str, str]] = field(default_factory=list)  # key, part, en, tr
    parts: tuple[Part, ...] = ()
    section: str = "report"  # the navigation section its pages belong to


_KINDS: dict[str, Kind] = {}
# The choices of `Document.kind`, kept as the kinds register (the API schema names this list).
DOCUMENT_KINDS: list[tuple[str, str]] = []
_PARTS: dict[str, Part] = {
    # Written text only: empty when its text is.
    NARRATIVE: Part(NARRATIVE, _("Written text"), has_data=lambda section: False),
}


def register_kind(kind: Kind) -> None:
    _KINDS[kind.key] = kind
    DOCUMENT_KINDS[:] = [(k.key, k.label) for k in _KINDS.values()]
    for part in kind.parts:
        register_part(part)


def register_part(part: Part) -> None:
    """Register a kind of section on its own (another app's data in any document)."""
    _PARTS[part.key] = part


def kind_of(document) -> Kind:
    return get_kind(document.kind)


def get_kind(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"no document kind {key!r} is registered") from None


def part_of(key: str) -> Part | None:
    return _PARTS.get(key)


def kinds() -> list[Kind]:
    return list(_KINDS.values())


def document_kinds() -> list[tuple[str, str]]:
    """The choices of `Document.kind`: every registered kind."""
    return list(DOCUMENT_KINDS)


def section_kinds() -> list[tuple[str, str]]:
    """The choices of `Section.kind`: written text, then every registered kind of section."""
    return [(part.key, part.label) for part in _PARTS.values()]
