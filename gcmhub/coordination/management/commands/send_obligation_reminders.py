from gcmhub.coordination.services import obligation_reminders_send
from gcmhub.core.commands import ReminderCommand


class Command(ReminderCommand):
    help = (
        "E-mail the organisations (or the coordinators, for the secretariat's own obligations) "
        "whose SOP obligations are due soon or late, as each rule says. Safe to run daily from "
        "cron; each reminder goes once."
    )

    def send(self, today):
        return obligation_reminders_send(today=today)
