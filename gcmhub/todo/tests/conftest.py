from gcmhub.assessments.tests.conftest import (  # noqa: F401
    assignments,
    collection,
    objective,
    objective_10,
)
from gcmhub.documents.tests.conftest import document, review, version  # noqa: F401
from gcmhub.meetings.tests.conftest import meeting  # noqa: F401
from gcmhub.priorities.tests.conftest import scoring  # noqa: F401
from gcmhub.workplan.tests.conftest import activity, outcome, output  # noqa: F401
