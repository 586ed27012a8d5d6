"""Demo data of the report: an illustrative draft of the needs assessment report, versions
0.1 and 0.2, a review of 0.1 with comments in every disposition, and one carried into 0.2.

All text is ILLUSTRATIVE, written for the demo; it is not the real report of the case.
"""

import datetime as dt
import json
from pathlib import Path

from gcmhub.assessments.models import Consultation, Input
from gcmhub.demo.assessments import _organisations
from gcmhub.documents import services
from gcmhub.documents.models import Comment, Document, Section
from gcmhub.framework.models import Objective
from gcmhub.report.kind import NEEDS_ASSESSMENT

# The Turkish edition of the report's texts (illustrative translations): see `load_editions`.
EDITIONS = Path(__file__).parent / "data" / "report_tr.json"

TEXTS = {
    "executive-summary": (
        "<p>This report presents the needs identified with the government partners of the UN Network "
        "on Migration in Türkiye for each objective of the Global Compact for Migration, and the "
        'objectives prioritised for the short, medium and long term.<span class="footnote">Illustrative '
        "text written for the gcmhub demo; it is not the text of the real report.</span></p>"
        "<p>Combating smuggling and trafficking, border management and migration data stand out for the "
        "short term; harmonization and access to services for the medium term.</p>"
    ),
    "introduction": (
        "<p>The assessment ran from March to June 2021. It combined a desk review, an inception workshop, "
        "interviews with the departments concerned, and an Excel questionnaire.</p>"
        "<h3>Method</h3><ul><li><p>Inputs per GCM objective from each department</p></li>"
        "<li><p>Scoring of the 23 objectives on five weighted criteria</p></li>"
        "<li><p>Validation with the government partners</p></li></ul>"
    ),
    "context": (
        "<p>Law No. 6458 on Foreigners and International Protection (2013) set up the Directorate General "
        "of Migration Management, the agency responsible for the GCM. The International Labour Force Law "
        "No. 6735 (2016) governs work permits for foreigners.</p>"
    ),
    "findings": "<p>The findings below bring together the syntheses of the consultant and the inputs of the organisations, objective by objective.</p>",
    "priorities": "<p>The network decided the horizon of each objective on the basis of the scoring and of the inputs.</p>",
    "working-modalities": (
        "<h3>Coordination</h3><p>The network meets every quarter, chaired by IOM with the Resident "
        "Coordinator's Office; working groups meet monthly.</p>"
        "<h3>Reporting</h3><p>Agencies report progress on the work plan by 15 July and 15 January.</p>"
        "<h3>Monitoring and evaluation</h3><p>Indicators are updated twice a year; a mid-term review "
        "takes place in 2023.</p>"
    ),
}

RECOMMENDATIONS = [
    (
        "Agree information-sharing arrangements on smuggling routes with neighbouring countries.",
        [9, 11],
        [("dgmm-cim", 9), ("tnp-cmsbg", 9)],
        [1, 2],
    ),
    (
        "Extend reintegration support for victims of trafficking and train labour inspectors on forced labour.",
        [10],
        [("dgmm-pvht", 10)],
        [0],
    ),
    (
        "Link administrative migration data across institutions under a data-sharing protocol with the statistics office.",
        [1],
        [("dgmm", 1)],
        [],
    ),
    (
        "Develop an evaluation framework for harmonization activities with municipalities.",
        [16, 15],
        [("dgmm-hc", 16), ("mone-gdlll", 15)],
        [4],
    ),
]

# organisation key, section key, type, quote, text, disposition, reply, address in next version
COMMENTS = [
    (
        "dgmm-cim",
        "executive-summary",
        "substantive",
        "border management",
        "Please name return and readmission among the short-term needs as well.",
        "partly",
        "Return is named in the findings; the summary now mentions it briefly.",
        True,
    ),
    (
        "dgmm-pvht",
        "introduction",
        "factual",
        "",
        "The interviews took place in April and May, not only in April.",
        "accepted",
        "Corrected.",
        True,
    ),
    (
        "molss-gdilf",
        "context",
        "editorial",
        "governs work permits",
        "Say “regulates” rather than “governs”.",
        "not_accepted",
        "Both are correct; we keep the wording for consistency with the law's title.",
        False,
    ),
    (
        "tnp-cmsbg",
        "priorities",
        "objection",
        "",
        "Border gates should be a separate priority, not part of objective 11.",
        "noted",
        "The report follows the GCM objectives; the point is recorded in the findings of objective 11.",
        False,
    ),
    (
        "mone-gdlll",
        "working-modalities",
        "substantive",
        "",
        "Add a working group on education and lifelong learning.",
        "",
        "",
        False,
    ),
]


def load(cycle, users) -> None:
    if Document.objects.filter(cycle=cycle, kind=NEEDS_ASSESSMENT).exists():
        return
    organisations = {o.key: o for o in _organisations(cycle)}
    consultant, coordinator = users["consultant"], users["coordinator"]
    document = services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    for key, body in TEXTS.items():
        Section.objects.filter(document=document, key=key).update(body=body)
    objectives = {o.number: o for o in Objective.objects.all()}
    consultations = list(Consultation.objects.filter(cycle=cycle).order_by("date"))
    for text, numbers, inputs, consultation_indexes in RECOMMENDATIONS:
        services.recommendation_save(
            document=document,
            by=consultant,
            text=text,
            objectives=[objectives[n] for n in numbers],
            inputs=list(
                Input.objects.filter(
                    cycle=cycle,
                    organisation__in=[organisations[k] for k, _n in inputs],
                    objective__number__in=[n for _k, n in inputs],
                )
            ),
            consultations=[consultations[i] for i in consultation_indexes],
        )
    first = services.version_issue(
        confirmed=True,
        document=document,
        by=consultant,
        note="First draft for review by the partners.",
    )
    review = services.review_open(
        version=first,
        by=coordinator,
        deadline=dt.date(2021, 6, 14),
        organisations=[
            organisations[k]
            for k in ("dgmm", "dgmm-cim", "dgmm-pvht", "molss-gdilf", "tnp-cmsbg", "mone-gdlll")
        ],
        message="Please send your comments before the validation meeting of 24 June.",
    )
    for key, section, kind, quote, text, disposition, reply, next_version in COMMENTS:
        author = users["focal" if key == "dgmm-cim" else f"focal-{key}"]
        services.comment_save(
            review=review,
            by=author,
            section_key=section,
            type=kind,
            quote=quote,
            text=text,
        )
        services.comments_submit(review=review, by=author)
        if disposition:
            comment = Comment.objects.get(review=review, author=author)
            services.comment_dispose(
                comment=comment,
                by=consultant,
                disposition=disposition,
                reply=reply,
                address_in_next=next_version,
            )
    Comment.objects.filter(review=review).update(illustrative=True)
    services.review_close(review=review, by=coordinator)
    Section.objects.filter(document=document, key="executive-summary").update(
        body=TEXTS["executive-summary"].replace(
            "border management and migration data", "border management, return and migration data"
        )
    )
    Section.objects.filter(document=document, key="introduction").update(
        body=TEXTS["introduction"].replace(
            "interviews with the departments concerned",
            "interviews in April and May with the departments concerned",
        )
    )
    # 0.1 went out in English only; from 0.2 on the report has both editions.
    load_editions(document, by=consultant)
    services.version_issue(
        confirmed=True,
        document=document,
        by=consultant,
        note="Comments of the review of 0.1 taken in.",
    )
    # The dates of the case: 0.1 for the review in early June, 0.2 for the validation meeting.
    for minor, day in [(1, dt.date(2021, 6, 1)), (2, dt.date(2021, 6, 18))]:
        document.versions.filter(major=0, minor=minor).update(
            issued_at=dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)
        )


def load_editions(document, *, by, final: bool = False, path: Path = EDITIONS) -> int:
    """Give the demo report's texts their Turkish edition from `path`, marked illustrative
    and translated by `by`: {"title", "subtitle" (optional), "sections": {section key: text
    in HTML}, "recommendations": [text of each, in order], "final_additions": {section key:
    what the validation meeting's agreed changes added, in HTML}}. `final`: the texts as the
    final version has them (each section's text followed by its addition). Texts empty in
    the document are skipped. Returns how many editions were saved."""
    from gcmhub.documents.bilingual import other_language
    from gcmhub.editions.services import translation_save

    data = json.loads(path.read_text("utf-8"))
    sections = dict(data.get("sections", {}))
    if final:
        for key, addition in data.get("final_additions", {}).items():
            sections[key] = sections.get(key, "") + addition
    targets = [(document, "title", data.get("title")), (document, "subtitle", data.get("subtitle"))]
    targets += [(s, "body", sections.get(s.key)) for s in document.sections.order_by("order", "pk")]
    recommendations = data.get("recommendations", [])
    targets += [
        (r, "text", recommendations[n] if n < len(recommendations) else None)
        for n, r in enumerate(document.recommendations.order_by("order", "pk"))
    ]
    language = other_language(document.language)
    saved = 0
    for obj, field, text in targets:
        if text and getattr(obj, field):
            translation_save(
                obj=obj,
                field=field,
                language=language,
                text=text,
                by=by,
                illustrative=True,
                check=False,
            )
            saved += 1
    return saved
