from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gcmhub.network"
    label = "network"
    verbose_name = _("Network coordination and work plan")

    def ready(self):
        from gcmhub.network.stages import register_stages
        from gcmhub.network.tor import register_builders

        register_stages()
        register_builders()
