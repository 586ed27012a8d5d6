import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "gcmhub.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        super().ready()
        from gcmhub.core import schedule

        # Every morning, through the task queue: what arrived since the last digest.
        schedule.register(
            schedule.Entry(
                name="notification-digests",
                at=dt.time(7, 0),
                send="gcmhub.notifications.services.digests_send",
            )
        )
