"""The obligation reminders also leave notifications (issue 16); the obligations show in My
tasks of who owes them."""

import datetime as dt

import pytest
from django.utils import translation

from gcmhub.coordination import services
from gcmhub.coordination.models import Responsible
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.notifications.models import Kind
from gcmhub.todo.selectors import tasks_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(cycle, coordinator, org_a, focal_a, focal_b):
    return services.sop_rule_save(
        cycle=cycle,
        by=coordinator,
        language="en",
        **rule_data(
            title="Quarterly figures",
            responsible=Responsible.CHOSEN,
            organisations=[org_a],
            months=[],
            day=None,
            dates=[dt.date(2022, 3, 15)],
            met_by_progress_report=False,
            remind_before=7,
            remind_after=3,
        ),
    )


def test_reminders_notify_the_focal_points_due_soon_then_late(
    rule, focal_a, focal_b, mailoutbox, run_tasks
):
    services.obligation_reminders_send(today=dt.date(2022, 3, 8))
    services.obligation_reminders_send(today=dt.date(2022, 3, 18))
    rows = list(focal_a.notifications.order_by("pk"))
    assert [n.kind for n in rows] == [Kind.DUE_SOON, Kind.LATE]
    assert rows[0].text == "“Quarterly figures” is due on 15 March 2022."
    assert rows[1].text == "“Quarterly figures” was due on 15 March 2022 and is not done yet."
    with translation.override("tr"):  # the date in the reader's language
        assert "15 Mart 2022" in rows[0].text
    assert rows[0].url.endswith("/coordination/obligations/")
    assert not focal_b.notifications.exists()
    run_tasks()  # the e-mails at once (the default for due soon and late) go by the queue
    assert [m.to for m in mailoutbox] == [[focal_a.email], [focal_a.email]]
    assert "Quarterly figures" in mailoutbox[0].body  # the reminder's own e-mail, once each


def test_a_late_obligation_is_in_my_tasks_of_its_organisation_and_the_coordinator(
    rule, focal_a, focal_b, coordinator
):
    mine = [(i.kind_label, i.title, i.overdue) for i in tasks_for_user(focal_a)]
    assert ("Obligation due", "Quarterly figures", True) in mine
    assert [i for i in tasks_for_user(focal_b) if i.title == "Quarterly figures"] == []
    late = [i for i in tasks_for_user(coordinator) if i.kind_label == "Late obligations"]
    assert [i.title for i in late] == ["1 obligation of the organisations is late"]
