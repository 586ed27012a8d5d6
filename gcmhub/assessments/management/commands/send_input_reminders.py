import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gcmhub.assessments.services import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail focal points whose inputs are not submitted: a week before the deadline, two "
        "days before, and the day after. Safe to run daily from cron; each goes once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        sent = reminders_send(today=day)
        self.stdout.write(f"{sent} reminder e-mails sent.")
