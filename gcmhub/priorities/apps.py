from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritiesConfig(AppConfig):
    name = "gcmhub.priorities"
    label = "priorities"
    verbose_name = _("Prioritisation")

    def ready(self):
        from gcmhub.priorities.stages import register_stages

        register_stages()
