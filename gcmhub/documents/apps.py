from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gcmhub.documents"
    label = "documents"
    verbose_name = _("Documents and reviews")

    def ready(self):
        from gcmhub.documents.stages import register_stages

        register_stages()
