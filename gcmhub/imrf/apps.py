from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImrfConfig(AppConfig):
    name = "gcmhub.imrf"
    label = "imrf"
    verbose_name = _("Reporting to the IMRF")

    def ready(self):
        from gcmhub.imrf import files
        from gcmhub.imrf.kind import register
        from gcmhub.imrf.stages import register_stages

        register()
        register_stages()
        files.register()
