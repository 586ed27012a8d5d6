from gcmhub.assessments.services import reminders_send
from gcmhub.core.commands import ReminderCommand


class Command(ReminderCommand):
    help = (
        "E-mail focal points whose inputs are not submitted: a week before the deadline, two "
        "days before, and the day after. Safe to run daily from cron; each goes once."
    )

    def send(self, today):
        return reminders_send(today=today)
