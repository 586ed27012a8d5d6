from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The document engine; each kind of document registers itself (see `documents.kinds`)."""

    name = "gcmhub.documents"
    label = "documents"
    verbose_name = _("Documents and reviews")

    def ready(self):
        from gcmhub.documents import files, paired, todo

        files.register()  # the makers of the documents' files, run by the worker
        paired.register()  # the texts with editions in two languages
        todo.register()  # what reviews ask of people, in My tasks
