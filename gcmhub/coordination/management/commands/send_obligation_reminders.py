from gcmhub.coordination.services import obligation_reminders_send
from gcmhub.core.commands import ReminderCommand


class Command(ReminderCommand):
    help = (
        "E-mail the organisations (or the coordinators, for the secretariat's own obligations) "
        "whose SOP obligations are due soon or late, as each rule says. Safe to run daily from "
        "cron; each reminder goes once. "
        "The workers' schedule sends them every morning (core.schedule): cron is for a site "
        "without a worker."
    )

    def send(self, today):
        return obligation_reminders_send(today=today)
