from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TodoConfig(AppConfig):
    name = "gcmhub.todo"
    verbose_name = _("My tasks")

    def ready(self):
        from gcmhub.todo import header  # noqa: F401  (counts the tasks on sign-in)
