"""The stage of reporting out: the national voluntary review for the IMRF, the CCA brief,
and the comparison with earlier cycles."""

from django.utils.translation import gettext_lazy as _

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register


def review_state(cycle, user) -> StageState:
    from gcmhub.imrf.kind import VOLUNTARY_REVIEW

    document = cycle.documents.filter(kind=VOLUNTARY_REVIEW).first()
    if document is None:
        return StageState(
            status=Status.NOT_STARTED,
            facts=[_("The voluntary review has not been drafted yet.")],
        )
    latest = document.versions.order_by("-major", "-minor").only("major", "minor").first()
    if latest is None:
        return StageState(
            status=Status.IN_PROGRESS, facts=[_("Draft written from the data; no version yet.")]
        )
    status = Status.DONE if latest.major >= 1 else Status.IN_PROGRESS
    return StageState(
        status=status,
        facts=[_("Latest version: %(number)s.") % {"number": f"{latest.major}.{latest.minor}"}],
    )


def register_stages():
    register(
        Stage(
            key="imrf",
            order=90,
            label=_("IMRF review"),
            description=_(
                "The national voluntary GCM review drafted from the data, the brief for the "
                "UN Common Country Assessment, and the comparison with earlier cycles."
            ),
            url_name="imrf",
            perm=Perm.DOCUMENT_VIEW,
            state=review_state,
        )
    )
