from gcmhub.assessments.services import reminders_send
from gcmhub.core.commands import ReminderCommand


class Command(ReminderCommand):
    help = (
        "E-mail focal points whose inputs are not submitted: a week before the deadline, two "
        "days before, and the day after. Safe to run daily from cron; each goes once. The "
        "workers' schedule sends them every morning (core.schedule): cron is for a site "
        "without a worker."
    )

    def send(self, today):
        return reminders_send(today=today)
