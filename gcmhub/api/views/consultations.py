"""Consultations of a cycle."""

from rest_framework import mixins

from gcmhub.api.serializers.consultations import ConsultationSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.assessments import selectors as assessment_selectors
from gcmhub.assessments.models import Consultation
from gcmhub.core.permissions import Perm


class ConsultationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Consultations: all for the coordinator and the consultant, those their organisation
    took part in for a focal point."""

    serializer_class = ConsultationSerializer
    read_perm = Perm.CONSULTATION_VIEW
    model = Consultation
    filterset_fields = ["type"]

    def records(self):
        return (
            assessment_selectors.consultations_for_user(self.request.user, cycle=self.cycle)
            .prefetch_related("organisations", "objectives")
            .order_by("date", "pk")
        )
