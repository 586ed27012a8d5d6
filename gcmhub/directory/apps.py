from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "gcmhub.directory"
    label = "directory"
    verbose_name = _("Organisations and people")

    def ready(self):
        from gcmhub.directory.stages import register_stages

        register_stages()
