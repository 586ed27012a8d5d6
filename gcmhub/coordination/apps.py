from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class CoordinationConfig(stages.StageApp):
    name = "gcmhub.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from gcmhub.coordination.tor import register_builders

        super().ready()
        register_builders()
