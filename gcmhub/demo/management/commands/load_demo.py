from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from gcmhub.demo import assessments as assessments_demo
from gcmhub.demo import core as core_demo
from gcmhub.demo import directory as directory_demo
from gcmhub.demo import documents as documents_demo
from gcmhub.demo import framework as framework_demo
from gcmhub.demo import imrf as imrf_demo
from gcmhub.demo import meetings as meetings_demo
from gcmhub.demo import notifications as notifications_demo
from gcmhub.demo import priorities as priorities_demo
from gcmhub.demo import regions as regions_demo
from gcmhub.demo import workplan as workplan_demo
from gcmhub.search.services import index_rebuild

# The demo replays a review and other steps that notify people: nobody is e-mailed.
SILENT = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Load (or refresh) the Türkiye 2021 demo data set; safe to run again."

    def handle(self, *args, **options):
        # The demo's texts are written in English (their Turkish editions are translations):
        # whatever language is active where the command runs (a test, a shell) is not theirs.
        with (
            override_settings(EMAIL_BACKEND=SILENT),
            translation.override("en"),
            transaction.atomic(),
        ):
            network, cycle = core_demo.load()
            framework_demo.load(cycle)
            users = directory_demo.load(network)
            assessments_demo.load(cycle, users)
            priorities_demo.load(cycle, users)
            documents_demo.load(cycle, users)
            meetings_demo.load(cycle, users)
            workplan_demo.load(cycle, users)
            imrf_demo.load(cycle, users)
            imrf_demo.load_next_cycle(cycle, users)
            regions_demo.load()
            index_rebuild()  # the demo writes in bulk too: search finds all of it
            notifications_demo.load()
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
