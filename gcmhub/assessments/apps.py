from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class AssessmentsConfig(stages.StageApp):
    name = "gcmhub.assessments"
    label = "assessments"
    verbose_name = _("Needs assessment")
