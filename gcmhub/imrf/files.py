"""The brief for the Common Country Assessment as a Word file made by the worker
(`core.jobs`), one per language: `UNNM-Turkiye_cca-brief_2021_en.docx`. The fingerprint is
what the brief says (the priorities, their mapping and findings) and the day it is produced."""

from django.utils import timezone, translation

from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.documents.files import fingerprint, request
from gcmhub.documents.names import DOCX, file_name

CCA_BRIEF = "imrf.cca-brief"


def cca_file_name(cycle: Cycle, *, language: str) -> str:
    return file_name(
        cycle.network, "cca-brief", str(cycle.start_date.year), language=language, fmt="docx"
    )


def cca_key(cycle: Cycle, *, language: str) -> str:
    return f"{CCA_BRIEF}:{cycle.pk}:{language}:docx"


def cca_fingerprint(cycle: Cycle, *, language: str) -> str:
    from gcmhub.imrf.cca import cca_rows

    framework = getattr(cycle, "cooperation_framework", None)
    with translation.override(language):  # the brief's language, not the reader's
        outcomes = []
        if framework is not None:
            outcomes = [
                (o.code, o.display_statement)
                for priority in framework.priorities.prefetch_related("outcomes")
                for o in priority.outcomes.all()
            ]
            outcomes.append(framework.title)
        return fingerprint(
            cca_rows(cycle, language), outcomes, cycle.display_title, timezone.localdate()
        )


def make_cca_brief(job, progress):
    from gcmhub.imrf import cca

    cycle = Cycle.objects.select_related("network").get(pk=job.params["cycle"])
    progress(10)
    data = cca.cca_brief_docx(cycle, language=job.language)
    return cca_file_name(cycle, language=job.language), data, DOCX


def may_read_cca_brief(user, job) -> bool:
    return actor_for(user, job.cycle.network).has(Perm.DOCUMENT_VIEW)


def cca_file_request(cycle: Cycle, *, language: str, by):
    return request(
        CCA_BRIEF,
        key=cca_key(cycle, language=language),
        fingerprint=cca_fingerprint(cycle, language=language),
        params={"cycle": cycle.pk},
        cycle=cycle,
        language=language,
        fmt="docx",
        by=by,
    )


def register() -> None:
    from gcmhub.core.jobs import Maker, register_maker

    register_maker(Maker(kind=CCA_BRIEF, make=make_cca_brief, may_read=may_read_cca_brief))
