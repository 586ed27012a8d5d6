import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gcmhub.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from gcmhub.core import schedule
        from gcmhub.search import signals

        signals.connect()
        # Every night, the whole index again: repairs what bulk writes (no signals) left out.
        schedule.register(
            schedule.Entry(
                name="search-rebuild", at=dt.time(3, 0), send="gcmhub.search.services.index_nightly"
            )
        )
