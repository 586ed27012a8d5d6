from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gcmhub.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from gcmhub.meetings import files, finalisation
        from gcmhub.meetings.stages import register_stages

        register_stages()
        finalisation.register()
        files.register()
