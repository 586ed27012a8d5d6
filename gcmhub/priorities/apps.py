from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class PrioritiesConfig(stages.StageApp):
    name = "gcmhub.priorities"
    label = "priorities"
    verbose_name = _("Prioritisation")

    def ready(self):
        from gcmhub.priorities import editions, todo

        super().ready()
        editions.register()
        todo.register()
