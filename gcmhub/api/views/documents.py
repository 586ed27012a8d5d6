"""Documents, their versions and reviews."""

from django.db.models import Prefetch
from rest_framework import mixins

from gcmhub.api.serializers.documents import DocumentSerializer, ReviewSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.documents.models import Document, Review, Version


class DocumentViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cycle's documents (report, terms of reference, voluntary review) and their
    versions."""

    serializer_class = DocumentSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Document
    filterset_fields = ["kind"]

    def records(self):
        versions = Version.objects.defer("content").order_by("-major", "-minor")
        return self.cycle.documents.prefetch_related(
            Prefetch("versions", queryset=versions)
        ).order_by("kind")


class ReviewViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Reviews of document versions: the version, deadline, invited organisations, sections."""

    serializer_class = ReviewSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Review

    def records(self):
        return (
            Review.objects.filter(version__document__cycle=self.cycle)
            .select_related("version")
            .prefetch_related("organisations")
            .order_by("-opened_at")
        )
