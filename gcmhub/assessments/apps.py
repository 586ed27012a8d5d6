from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "gcmhub.assessments"
    label = "assessments"
    verbose_name = _("Needs assessment")

    def ready(self):
        from gcmhub.assessments.stages import register_stages

        register_stages()
