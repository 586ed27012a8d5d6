import datetime as dt

import pytest

from gcmhub.documents import services
from gcmhub.report.kind import NEEDS_ASSESSMENT


@pytest.fixture
def document(cycle, consultant):
    return services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)


@pytest.fixture
def version(document, consultant):
    section = document.sections.get(key="executive-summary")
    services.section_save(
        section=section,
        by=consultant,
        body="<p>The summary of the first draft.</p>",
        expected_version=1,
    )
    return services.version_issue(
        confirmed=True, document=document, by=consultant, note="First draft"
    )


@pytest.fixture
def review(version, coordinator, org_a, org_b):
    return services.review_open(
        version=version, by=coordinator, deadline=dt.date(2021, 6, 14), organisations=[org_a, org_b]
    )


def comment(
    review, author, text="Please be more precise.", section="executive-summary", kind="substantive"
):
    return services.comment_save(
        review=review,
        by=author,
        section_key=section,
        type=kind,
        text=text,
        quote="",
    )


def revise(document, by, text="<p>Revised after the comments.</p>", key="introduction"):
    """Change the draft, as an editor does between two versions (an unchanged draft is not
    issued again)."""
    section = document.sections.get(key=key)
    return services.section_save(
        section=section, by=by, body=text, expected_version=section.version
    )
