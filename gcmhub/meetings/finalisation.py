"""The rule of the validation stage, registered with the document engine: no final version
before a validation meeting has validated the document and every agreed change is resolved;
a new version settles the agreed changes marked "made in the next version"; the organisations
invited to the validation meeting endorse the final version, whose files carry the
endorsements and the attendance of that meeting as annexes."""

from gcmhub.documents import hooks
from gcmhub.meetings import annexes, selectors
from gcmhub.meetings.models import Outcome


def blockers(document, *, content=None) -> list[str]:
    return selectors.finalisation_blockers(document, content=content)


def version_issued(version) -> None:
    Outcome.objects.filter(
        meeting__version__document=version.document_id,
        resolve_in_next=True,
        resolved_in__isnull=True,
    ).update(resolved_in=version, resolve_in_next=False)


def endorsers(document):
    return selectors.validation_organisations(document)


def final_annexes(version) -> list[dict]:
    return annexes.final_annexes(version)


def register() -> None:
    hooks.register(
        finalisation_blockers=blockers,
        on_version_issued=version_issued,
        endorsers=endorsers,
        annexes=final_annexes,
    )
