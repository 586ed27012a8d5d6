from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from gcmhub.assessments import demo as assessments_demo
from gcmhub.core import demo as core_demo
from gcmhub.directory import demo as directory_demo
from gcmhub.documents import demo as documents_demo
from gcmhub.framework import demo as framework_demo
from gcmhub.imrf import demo as imrf_demo
from gcmhub.meetings import demo as meetings_demo
from gcmhub.priorities import demo as priorities_demo
from gcmhub.regions import demo as regions_demo
from gcmhub.workplan import demo as network_demo

# The demo replays a review and other steps that notify people: nobody is e-mailed.
SILENT = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load (or refresh) the Türkiye 2021 demo data set; safe to run again."

    def handle(self, *args, **options):
        with override_settings(EMAIL_BACKEND=SILENT), transaction.atomic():
            network, cycle = core_demo.load()
            framework_demo.load(cycle)
            users = directory_demo.load(network)
            assessments_demo.load(cycle, users)
            priorities_demo.load(cycle, users)
            documents_demo.load(cycle, users)
            meetings_demo.load(cycle, users)
            network_demo.load(cycle, users)
            imrf_demo.load(cycle, users)
            imrf_demo.load_next_cycle(cycle, users)
            regions_demo.load()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {network} · {cycle}"))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {directory_demo.DEMO_PASSWORD})")
        for username in ["coordinator", "consultant", "focal", "observer"]:
            membership = (
                users[username].memberships.select_related("organisation").get(network=network)
            )
            where = f" · {membership.organisation.label}" if membership.organisation else ""
            self.stdout.write(f"  {username:<12} {membership.get_role_display()}{where}")
        self.stdout.write(
            f"  ... and {len(users) - 4} more focal points and coordinators (see the People page)"
        )
