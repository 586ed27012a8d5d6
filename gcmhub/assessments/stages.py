"""The needs assessment stage of a cycle: assignments, inputs and their states, the deadline."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.assessments.models import Collection
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register
from gcmhub.core.workflow import State


def assessment_facts(cycle) -> dict:
    """Counts for the stage card and page (three queries)."""
    collection = Collection.objects.filter(cycle=cycle).first()
    asked = cycle.assignments.count()
    states = dict(
        cycle.inputs.order_by()  # no join for the model's ordering
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    consultations = cycle.consultations.count()
    return {
        "collection": collection,
        "asked": asked,
        "states": states,
        "accepted": states.get(State.ACCEPTED, 0),
        "submitted": states.get(State.SUBMITTED, 0),
        "returned": states.get(State.RETURNED, 0),
        "draft": states.get(State.DRAFT, 0),
        "consultations": consultations,
    }


def assessment_state(cycle, user) -> StageState:
    facts = assessment_facts(cycle)
    collection = facts["collection"]
    lines = [
        ngettext(
            "%(count)d objective asked of an organisation; %(accepted)d inputs accepted, "
            "%(submitted)d waiting for review, %(returned)d returned, %(draft)d in draft.",
            "%(count)d objectives asked of organisations; %(accepted)d inputs accepted, "
            "%(submitted)d waiting for review, %(returned)d returned, %(draft)d in draft.",
            facts["asked"],
        )
        % {
            "count": facts["asked"],
            "accepted": facts["accepted"],
            "submitted": facts["submitted"],
            "returned": facts["returned"],
            "draft": facts["draft"],
        },
        ngettext(
            "%(count)d consultation recorded.",
            "%(count)d consultations recorded.",
            facts["consultations"],
        )
        % {"count": facts["consultations"]},
    ]
    if collection and collection.is_closed:
        lines.append(_("The collection of inputs is closed."))
    elif collection and collection.deadline:
        lines.append(_("Inputs are due by %(date)s.") % {"date": date_format(collection.deadline)})
    if not facts["asked"]:
        status = Status.NOT_STARTED
    elif collection and collection.is_closed:
        status = Status.DONE
    else:
        status = Status.IN_PROGRESS
    links = [(_("Consultations"), cycle_reverse("consultation-list", cycle))]
    return StageState(status=status, facts=lines, links=links)


def register_stages():
    register(
        Stage(
            key="assessment",
            order=20,
            label=_("Needs assessment"),
            description=_(
                "What each department and agency says about each GCM objective it is asked "
                "about, by web form or Excel questionnaire, and the consultations held."
            ),
            url_name="assessment-home",
            perm=Perm.ASSESSMENT_VIEW,
            state=assessment_state,
        )
    )
