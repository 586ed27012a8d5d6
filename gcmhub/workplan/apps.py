from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class WorkplanConfig(stages.StageApp):
    name = "gcmhub.workplan"
    label = "workplan"
    verbose_name = _("Work plan")

    def ready(self):
        from gcmhub.coordination.services import register_leads
        from gcmhub.workplan import todo
        from gcmhub.workplan.services import activity_leads

        super().ready()
        register_leads(activity_leads)
        todo.register()  # what reporting asks of people, in My tasks (issue 16, part A)
