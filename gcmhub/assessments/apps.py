import datetime as dt

from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class AssessmentsConfig(stages.StageApp):
    name = "gcmhub.assessments"
    label = "assessments"
    verbose_name = _("Needs assessment")

    def ready(self):
        super().ready()
        from gcmhub.assessments.texts import register_texts
        from gcmhub.core import schedule

        register_texts()
        from gcmhub.assessments import todo

        todo.register()

        # Every morning, through the task queue (core.schedule); the command is for cron.
        schedule.register(
            schedule.Entry(
                name="input-reminders",
                at=dt.time(7, 0),
                send="gcmhub.assessments.services.reminders_send",
            )
        )
