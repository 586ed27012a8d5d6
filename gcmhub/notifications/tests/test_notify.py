import pytest
from django.utils import translation
from django.utils.translation import gettext_noop

from gcmhub.notifications.models import Kind
from gcmhub.notifications.services import notify
from gcmhub.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_records_one_row_per_recipient_but_the_actor_in_the_readers_language():
    actor, reader = UserFactory(), UserFactory()
    rows = notify(
        [reader, actor, reader],
        Kind.SUBMITTED,
        message=gettext_noop("The collection of inputs is closed."),
        url="/somewhere/",
        actor=actor,
    )
    assert [n.recipient for n in rows] == [reader]
    assert reader.notifications.get().text == "The collection of inputs is closed."
    with translation.override("tr"):
        assert reader.notifications.get().text == "Katkı toplama dönemi kapandı."
