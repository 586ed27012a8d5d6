from django.urls import path

from gcmhub.imrf import views

urlpatterns = [
    path("", views.imrf, name="imrf"),
    path("voluntary-review/", views.review_start, name="review-start"),
    path(
        "voluntary-review/<int:document_pk>/refresh/",
        views.review_refresh,
        name="review-refresh",
    ),
    path("cca-brief.docx", views.cca_brief, name="cca-brief"),
    path("compare/", views.compare, name="cycle-compare"),
    path("next-cycle/", views.next_cycle, name="next-cycle"),
    path("carried-over/", views.carried_over, name="carried-over"),
]
