"""Meetings of a cycle."""

from rest_framework import mixins

from gcmhub.api.serializers.meetings import MeetingSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.meetings.models import Meeting


class MeetingViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cycle's meetings (validation, network, working group); filter with `?type=`."""

    serializer_class = MeetingSerializer
    read_perm = Perm.MEETING_VIEW
    model = Meeting
    filterset_fields = ["type"]

    def records(self):
        return self.cycle.meetings.order_by("starts_at")
