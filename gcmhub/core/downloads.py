"""Files made in memory, sent to the browser as downloads."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """An attachment named `filename`; names with Turkish letters are encoded as browsers
    expect (RFC 6266), which a hand-written header does not do."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
