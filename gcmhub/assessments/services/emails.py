"""Telling people of the needs assessment: the e-mails to an organisation's focal points and
the notifications of the inputs' workflow (notifications.notify)."""

from django.utils.translation import gettext_noop

from gcmhub.assessments.models import Input
from gcmhub.core.models import User
from gcmhub.core.notify import send_templated
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.notifications.models import Kind
from gcmhub.notifications.selectors import focal_points, holders_of
from gcmhub.notifications.services import Email, notify


def send(user: User, template: str, context: dict, attachments=()) -> None:
    send_templated(user, f"assessments/email/{template}", context, attachments)


def _input_params(input: Input) -> dict:
    return {
        "organisation": lambda: input.organisation.label,
        "objective": input.objective.number,
    }


def _input_url(input: Input) -> str:
    return cycle_reverse("input-detail", input.cycle, input_pk=input.pk)


def notify_submitted(input: Input, by: User) -> None:
    """The secretariat (who reviews inputs) is told an input arrived."""
    notify(
        holders_of(Perm.INPUT_REVIEW, input.cycle.network_id),
        Kind.SUBMITTED,
        message=gettext_noop(
            "%(organisation)s submitted its input on GCM objective %(objective)s."
        ),
        params=_input_params(input),
        url=_input_url(input),
        cycle=input.cycle,
        actor=by,
    )


def notify_returned(input: Input, by: User | None = None) -> None:
    """The organisation's focal points are told their input came back, and why."""
    notify(
        focal_points(input.organisation_id, input.cycle.network_id),
        Kind.RETURNED,
        message=gettext_noop(
            "The input of %(organisation)s on GCM objective %(objective)s was returned: %(reason)s"
        ),
        params={**_input_params(input), "reason": input.return_reason},
        url=_input_url(input),
        cycle=input.cycle,
        actor=by,
        email=Email("assessments/email/input_returned", {"input": input}),
    )


def notify_accepted(input: Input, by: User) -> None:
    notify(
        focal_points(input.organisation_id, input.cycle.network_id),
        Kind.ACCEPTED,
        message=gettext_noop(
            "The input of %(organisation)s on GCM objective %(objective)s was accepted."
        ),
        params=_input_params(input),
        url=_input_url(input),
        cycle=input.cycle,
        actor=by,
    )
