from django.urls import path

from gcmhub.documents.views import documents, reviews, versions

doc = "<int:document_pk>/"

urlpatterns = [
    path(doc + "finalise/", versions.version_finalise, name="version-finalise"),
    path(doc + "publish/", versions.document_publish, name="document-publish"),
    path(
        "endorsements/<int:endorsement_pk>/",
        versions.endorsement_respond,
        name="endorsement-respond",
    ),
    path(doc, documents.document_detail, name="document-detail"),
    path(doc + "outline/", documents.document_edit, name="document-edit"),
    path(doc + "sections/<int:section_pk>/", documents.section_edit, name="section-edit"),
    path(
        doc + "sections/<int:section_pk>/history/",
        documents.section_history,
        name="section-history",
    ),
    path(doc + "recommendations/", documents.recommendation_list, name="recommendation-list"),
    path(
        doc + "recommendations/<int:recommendation_pk>/",
        documents.recommendation_edit,
        name="recommendation-edit",
    ),
    path(doc + "issue/", versions.version_issue, name="version-issue"),
    path(doc + "versions/<int:version_pk>/", versions.version_detail, name="version-detail"),
    path(doc + "compare/", versions.version_compare, name="version-compare"),
    path(doc + "draft.<str:fmt>", versions.document_download, name="document-download"),
    path(doc + "draft.<str:fmt>/make/", versions.document_file, name="document-file"),
    # The edition in one language (without it: the document's own).
    path(
        doc + "draft-<str:language>.<str:fmt>", versions.document_download, name="document-download"
    ),
    path(
        doc + "draft-<str:language>.<str:fmt>/make/", versions.document_file, name="document-file"
    ),
    path(
        doc + "versions/<int:version_pk>/download.<str:fmt>",
        versions.document_download,
        name="version-download",
    ),
    path(
        doc + "versions/<int:version_pk>/download-<str:language>.<str:fmt>",
        versions.document_download,
        name="version-download",
    ),
    path(doc + "reviews/new/", reviews.review_create, name="review-create"),
    path("reviews/<int:review_pk>/", reviews.review_detail, name="review-detail"),
    path("reviews/<int:review_pk>/submit/", reviews.comments_submit, name="comments-submit"),
    path("reviews/<int:review_pk>/close/", reviews.review_close, name="review-close"),
    path("reviews/<int:review_pk>/matrix/", reviews.comment_matrix, name="comment-matrix"),
    path(
        "reviews/<int:review_pk>/comments/<int:comment_pk>/edit/",
        reviews.comment_edit,
        name="comment-edit",
    ),
    path(
        "reviews/<int:review_pk>/comments/<int:comment_pk>/delete/",
        reviews.comment_delete,
        name="comment-delete",
    ),
    path(
        "reviews/<int:review_pk>/comments/<int:comment_pk>/dispose/",
        reviews.comment_dispose,
        name="comment-dispose",
    ),
]
