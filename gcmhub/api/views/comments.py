"""Comments on a review."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from gcmhub.api.serializers.comments import (
    CommentSerializer,
    CommentWriteSerializer,
    CountSerializer,
)
from gcmhub.api.views.base import CYCLE_PARAMETER, CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.documents import selectors as document_selectors
from gcmhub.documents import services as documents
from gcmhub.documents.models import Comment, Review


@extend_schema(
    parameters=[
        CYCLE_PARAMETER,
        OpenApiParameter(
            "review_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the review."
        ),
    ]
)
class CommentViewSet(
    CycleScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """Comments on a review: reviewers write drafts (private until submitted) and submit them
    as their organisation's; editors read the submitted ones."""

    serializer_class = CommentSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Comment
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The review before anything else: one of another cycle answers 404 to every method.
        self.review = get_object_or_404(
            Review.objects.select_related("version__document"),
            pk=kwargs["review_pk"],
            version__document__cycle=self.cycle,
        )
        self.review.version.document.cycle = self.cycle

    def records(self):
        return document_selectors.comments_visible_to(self.request.user, self.review).order_by(
            "number", "pk"
        )

    def get_serializer_class(self):
        if self.action in ("create", "update"):
            return CommentWriteSerializer
        return CommentSerializer

    def _save(self, request, comment=None, code=status.HTTP_200_OK):
        self.require(Perm.REVIEW_COMMENT)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = documents.comment_save(
            review=self.review, by=request.user, **data.validated_data, comment=comment
        )
        return Response(CommentSerializer(comment).data, status=code)

    def _own_draft(self) -> Comment:
        comment = self.visible(Perm.REVIEW_COMMENT)
        if comment.author_id != self.request.user.pk or comment.is_submitted:
            raise PermissionDenied
        return comment

    @extend_schema(request=CommentWriteSerializer, responses={201: CommentSerializer})
    def create(self, request, *args, **kwargs):
        """Write a draft comment on a section of the reviewed version."""
        return self._save(request, code=status.HTTP_201_CREATED)

    @extend_schema(request=CommentWriteSerializer, responses=CommentSerializer)
    def update(self, request, *args, **kwargs):
        """Change one of your draft comments."""
        return self._save(request, comment=self._own_draft())

    def destroy(self, request, *args, **kwargs):
        """Delete one of your draft comments."""
        documents.comment_delete(comment=self._own_draft(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=CountSerializer)
    @action(detail=False, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit your draft comments as your organisation's; each gets its number."""
        self.require(Perm.REVIEW_COMMENT)
        count = documents.comments_submit(review=self.review, by=request.user)
        return Response({"submitted": count})
