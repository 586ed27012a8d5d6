import datetime as dt

from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class CoordinationConfig(stages.StageApp):
    name = "gcmhub.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from gcmhub.coordination.tor import register_terms_of_reference

        super().ready()
        register_terms_of_reference()
        from gcmhub.core import schedule

        # Every morning, through the task queue (core.schedule); the command is for cron.
        schedule.register(
            schedule.Entry(
                name="obligation-reminders",
                at=dt.time(7, 0),
                send="gcmhub.coordination.services.obligation_reminders_send",
            )
        )
