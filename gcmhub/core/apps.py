from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gcmhub.core"
    label = "core"
    verbose_name = _("Networks and cycles")

    def ready(self):
        from django.db.models.signals import post_migrate

        from gcmhub.core.memo import forget_after_migrate

        # A release runs `migrate`: results remembered by the code before it (whose shape may
        # have changed) are not read by the code after it.
        post_migrate.connect(forget_after_migrate, sender=self, dispatch_uid="core.memo.forget")
