"""The demo's notifications: the steps it replays notify people as they would, but the
events are past, so nobody is e-mailed for them, now or in the next digest."""

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gcmhub.notifications.models import Notification
from gcmhub.notifications.services import send_email


def load() -> None:
    Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=timezone.now())
    DBTaskResult.objects.filter(task_path=send_email.module_path, status="READY").delete()
