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
