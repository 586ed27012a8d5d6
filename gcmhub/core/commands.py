"""What the daily reminder commands share (for cron; the workers' schedule, core.schedule,
calls the same services every morning): a `--today` to act as of another date, and the
count of e-mails sent."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class ReminderCommand(BaseCommand):
    """A daily reminder command; a subclass says what it sends in `send(today) -> int`."""

    def send(self, today: dt.date) -> int:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        sent = self.send(day)
        self.stdout.write(f"{sent} reminder e-mails sent.")
