"""What the document pages share: their layout context and the lock of the final version."""

from django.contrib import messages
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gcmhub.documents import selectors
from gcmhub.documents.bilingual import language_name
from gcmhub.documents.content import editions_of
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


def reading(request, content: dict) -> dict:
    """Which edition of `content` (a version's or the draft's {language: edition}) the page
    shows: the one asked for (?edition=tr), else the reader's language if there is one, else
    the document's own; with the links to the others."""
    editions = editions_of(content) if "sections" in content else content
    asked = request.GET.get("edition") or get_language()[:2]
    language = asked if asked in editions else next(iter(editions))
    return {
        "content": editions[language],
        "edition": language,
        "editions": [
            {"language": code, "name": language_name(code), "current": code == language}
            for code in editions
        ],
    }
