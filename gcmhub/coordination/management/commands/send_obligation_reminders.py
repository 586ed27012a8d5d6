import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gcmhub.coordination.services import obligation_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the organisations (or the coordinators, for the secretariat's own obligations) "
        "whose SOP obligations are due soon or late, as each rule says. Safe to run daily from "
        "cron; each reminder goes once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        sent = obligation_reminders_send(today=day)
        self.stdout.write(f"{sent} reminder e-mails sent.")
