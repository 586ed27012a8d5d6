"""The Word and PDF files of a document: the live draft, an issued version, or the final version
with the annexes the apps built on documents add (`hooks.annexes`: the endorsements, the
attendance of the validation meeting).

The annexes are added when the file is made, not frozen in the version: endorsements arrive
after 1.0 is issued, and the content hash stays the hash of the report itself.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from gcmhub.documents import hooks
from gcmhub.documents.content import build_content, content_hash
from gcmhub.documents.models import Document, Version
from gcmhub.reporting.docx import render_docx
from gcmhub.reporting.pdf import render_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def document_file(document: Document, fmt: str, version: Version | None = None):
    """(bytes, content type, file name) of the draft or of `version` in `fmt` (docx or pdf)."""
    if version is not None:
        content, digest = version.content, version.content_hash
    else:
        content = build_content(document)
        digest = content_hash(content)
    annexes = []
    with translation.override(content["language"]):
        if version is None:
            line = _("Draft of %(date)s, not an issued version") % {
                "date": formats.date_format(timezone.localdate())
            }
            stem = f"{document.kind}-draft"
        else:
            date = formats.date_format(timezone.localtime(version.issued_at).date())
            if version.major >= 1:
                line = _("Final version %(number)s of %(date)s") % {
                    "number": version.number,
                    "date": date,
                }
                annexes = hooks.annexes(version)
            else:
                line = _("Version %(number)s of %(date)s") % {
                    "number": version.number,
                    "date": date,
                }
            stem = f"{document.kind}-{version.number}"
    if fmt == "docx":
        data = render_docx(content, version_line=line, content_hash=digest, annexes=annexes)
        return data, DOCX, f"{stem}.docx"
    data = render_pdf(content, version_line=line, content_hash=digest, annexes=annexes)
    return data, PDF, f"{stem}.pdf"
