"""What the document pages share: their layout context and the lock of the final version."""

from django.contrib import messages
from django.utils.translation import gettext as _

from gcmhub.documents import selectors
from gcmhub.documents.kinds import kind_of


def locked(request, document) -> bool:
    """True (with a message) once the final version is issued: the document takes no edits."""
    if selectors.final_version(document) is None:
        return False
    messages.error(request, _("The final version has been issued; the document no longer changes."))
    return True


def context(network, cycle, **extra):
    """The layout of a document page: in the navigation section of the document's kind."""
    document = extra.get("document")
    section = kind_of(document).section if document is not None else "report"
    return {"network": network, "cycle": cycle, "section": section, **extra}
