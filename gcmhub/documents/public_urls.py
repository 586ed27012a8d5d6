"""The public links of published final reports (no login)."""

from django.urls import path

from gcmhub.documents.views import versions as views

urlpatterns = [
    path("<uuid:token>/", views.public_report, name="public-report"),
    path("<uuid:token>/report.<str:fmt>", views.public_download, name="public-download"),
    path(
        "<uuid:token>/report-<str:language>.<str:fmt>",
        views.public_download,
        name="public-download",
    ),
]
