"""The demo's replayed events: in the lists, e-mailed to nobody, not doubled by a reload."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gcmhub.notifications.models import Kind, Notification
from gcmhub.notifications.services import digests_send, send_email

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_has_notifications_that_e_mail_nobody_and_a_reload_adds_none():
    import datetime as dt

    from django.core import mail

    _load()
    first = Notification.objects.count()
    coordinator = Notification.objects.filter(recipient__username="coordinator")
    assert coordinator.filter(kind=Kind.ENDORSED).exists()
    assert Notification.objects.filter(recipient__username="focal", kind=Kind.INVITED).exists()
    assert not DBTaskResult.objects.filter(task_path=send_email.module_path).exists()
    assert digests_send(today=dt.date.today()) == 0 and mail.outbox == []
    _load()
    assert Notification.objects.count() == first
