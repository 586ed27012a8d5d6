from django.core.management.base import BaseCommand

from gcmhub.search.services import index_rebuild


class Command(BaseCommand):
    help = "Write the search index again from every record (after a restore or bulk changes)."

    def handle(self, *args, **options):
        written = index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index: {written} entries."))
