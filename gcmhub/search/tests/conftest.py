import pytest
from django.contrib.contenttypes.models import ContentType

from gcmhub.assessments.models import Input
from gcmhub.core.workflow import State
from gcmhub.documents.models import Document, Section
from gcmhub.editions.models import Translation
from gcmhub.framework.models import Objective
from gcmhub.report.kind import NEEDS_ASSESSMENT


def make_input(cycle, organisation, number, text, *, state=State.DRAFT, language="tr"):
    return Input.objects.create(
        cycle=cycle,
        organisation=organisation,
        objective=Objective.objects.get(number=number),
        state=state,
        language=language,
        situation=text,
    )


@pytest.fixture
def report(cycle):
    return Document.objects.create(
        cycle=cycle, kind=NEEDS_ASSESSMENT, title="Needs assessment", language="en"
    )


@pytest.fixture
def section(report):
    return Section.objects.create(
        document=report, key="intro", title="Introduction", body="<p>Support for migrants.</p>"
    )


def translate(obj, field, text, language="tr"):
    return Translation.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        language=language,
        text=text,
        source_hash="-",
    )
