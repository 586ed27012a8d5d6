from django.urls import path

from gcmhub.documents import views

doc = "<int:document_pk>/"

urlpatterns = [
    path("report/", views.report, name="report"),
    path("published/", views.published, name="report-published"),
    path(doc + "finalise/", views.version_finalise, name="version-finalise"),
    path(doc + "publish/", views.document_publish, name="document-publish"),
    path(
        "endorsements/<int:endorsement_pk>/",
        views.endorsement_respond,
        name="endorsement-respond",
    ),
    path(doc, views.document_detail, name="document-detail"),
    path(doc + "outline/", views.document_edit, name="document-edit"),
    path(doc + "sections/<int:section_pk>/", views.section_edit, name="section-edit"),
    path(doc + "sections/<int:section_pk>/history/", views.section_history, name="section-history"),
    path(doc + "recommendations/", views.recommendation_list, name="recommendation-list"),
    path(
        doc + "recommendations/<int:recommendation_pk>/",
        views.recommendation_edit,
        name="recommendation-edit",
    ),
    path(doc + "issue/", views.version_issue, name="version-issue"),
    path(doc + "versions/<int:version_pk>/", views.version_detail, name="version-detail"),
    path(doc + "compare/", views.version_compare, name="version-compare"),
    path(doc + "draft.<str:fmt>", views.document_download, name="document-download"),
    path(
        doc + "versions/<int:version_pk>/download.<str:fmt>",
        views.document_download,
        name="version-download",
    ),
    path(doc + "reviews/new/", views.review_create, name="review-create"),
    path("reviews/<int:review_pk>/", views.review_detail, name="review-detail"),
    path("reviews/<int:review_pk>/submit/", views.comments_submit, name="comments-submit"),
    path("reviews/<int:review_pk>/close/", views.review_close, name="review-close"),
    path("reviews/<int:review_pk>/matrix/", views.comment_matrix, name="comment-matrix"),
    path(
        "reviews/<int:review_pk>/comments/<int:comment_pk>/delete/",
        views.comment_delete,
        name="comment-delete",
    ),
    path(
        "reviews/<int:review_pk>/comments/<int:comment_pk>/dispose/",
        views.comment_dispose,
        name="comment-dispose",
    ),
]
