from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages


class DirectoryConfig(stages.StageApp):
    name = "gcmhub.directory"
    label = "directory"
    verbose_name = _("Organisations and people")
