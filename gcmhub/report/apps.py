from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportConfig(AppConfig):
    name = "gcmhub.report"
    label = "report"
    verbose_name = _("Needs assessment report")

    def ready(self):
        from gcmhub.report.kind import register
        from gcmhub.report.stages import register_stages

        register()
        register_stages()
