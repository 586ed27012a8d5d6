"""The e-mails of the needs assessment: to an organisation's focal points."""

from gcmhub.assessments.models import Input
from gcmhub.core.models import User
from gcmhub.core.notify import cycle_url, send_templated
from gcmhub.directory.selectors import focal_points_of


def send(user: User, template: str, context: dict, attachments=()) -> None:
    send_templated(user, f"assessments/email/{template}", context, attachments)


def notify_returned(input: Input) -> None:
    context = {"input": input, "url": cycle_url(input.cycle, "input-detail", input_pk=input.pk)}
    for user in focal_points_of(input.organisation_id, input.cycle.network_id):
        send(user, "input_returned", context)
