from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "gcmhub.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self):
        from gcmhub.core import home
        from gcmhub.regions.selectors import region_home

        home.register("regions", region_home)
