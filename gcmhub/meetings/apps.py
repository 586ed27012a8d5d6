from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gcmhub.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        import datetime as dt

        from gcmhub.core import schedule
        from gcmhub.meetings import files, finalisation, todo
        from gcmhub.meetings.stages import register_stages

        register_stages()
        finalisation.register()
        files.register()
        todo.register()
        # Every morning, through the task queue (core.schedule).
        schedule.register(
            schedule.Entry(
                name="action-point-reminders",
                at=dt.time(7, 15),
                send="gcmhub.meetings.services.action_points_remind",
            )
        )
