from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "gcmhub.workplan"
    label = "workplan"
    verbose_name = _("Work plan")

    def ready(self):
        from gcmhub.coordination.services import register_leads
        from gcmhub.workplan.services import activity_leads
        from gcmhub.workplan.stages import register_stages

        register_stages()
        register_leads(activity_leads)
