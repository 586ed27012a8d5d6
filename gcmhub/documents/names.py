"""The names of the files a network sends: they say network, document, version and
language, in ASCII so that every mail client and file system keeps them:
`UNNM-Turkiye_needs-assessment_v1.0_tr.docx`,
`UNNM-Turkiye_needs-assessment_draft-2026-12-01_en.pdf`,
`UNNM-Turkiye_minutes_2021-06-24_tr.pdf`, `UNNM-Turkiye_cca-brief_2021_en.docx`."""

import datetime as dt
import re
import unicodedata

from django.utils import timezone, translation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Letters NFKD does not take apart into an ASCII letter and a mark.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
    }
)


def ascii_name(text: str) -> str:
    """`text` in ASCII letters, digits, dots and hyphens, for a file name: "Türkiye" →
    "Turkiye", "Göç İdaresi" → "Goc-Idaresi", "v1.0" stays."""
    text = unicodedata.normalize("NFKD", str(text).translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.")


def network_name(network) -> str:
    """The network part of file names: its short name if it has one, else "UNNM-" (UN
    Network on Migration) and its country in English: "UNNM-Turkiye"."""
    short = getattr(network, "short_name", "")
    if short:
        return ascii_name(short) or network.slug
    with translation.override("en"):
        country = ascii_name(network.country.name)
    return f"UNNM-{country or network.slug}"


def file_name(network, *parts: str, language: str, fmt: str) -> str:
    """`<network>_<part>_..._<language>.<fmt>`, every part in ASCII."""
    return "_".join([network_name(network), *(ascii_name(p) for p in parts), language]) + f".{fmt}"


def document_stem(document) -> str:
    """The document's part of its file names: its kind ("needs-assessment")."""
    return document.kind.replace("_", "-")


def document_file_name(
    document,
    *,
    version=None,
    day: dt.date | None = None,
    language: str,
    fmt: str,
) -> str:
    """`UNNM-Turkiye_needs-assessment_v1.0_tr.docx`, or `..._draft-2026-12-01_en.pdf`."""
    if version is not None:
        label = f"v{version.number}"
    else:
        label = f"draft-{(day or timezone.localdate()).isoformat()}"
    return file_name(
        document.cycle.network, document_stem(document), label, language=language, fmt=fmt
    )


def comments_file_name(review, *, language: str, fmt: str) -> str:
    """`UNNM-Turkiye_needs-assessment_comments-v0.2_en.docx`."""
    document = review.version.document
    return file_name(
        document.cycle.network,
        document_stem(document),
        f"comments-v{review.version.number}",
        language=language,
        fmt=fmt,
    )
