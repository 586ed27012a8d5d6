from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "gcmhub.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from gcmhub.coordination.stages import register_stages
        from gcmhub.coordination.tor import register_terms_of_reference

        register_stages()
        register_terms_of_reference()
