from django.urls import path

from gcmhub.exports import views

urlpatterns = [
    path("", views.export_page, name="export-page"),
    path("<int:job_pk>/", views.export_job, name="export-job"),
    path("<int:job_pk>/download/", views.export_download, name="export-download"),
    path("<int:job_pk>/retry/", views.export_retry, name="export-retry"),
    path("<int:job_pk>/delete/", views.export_delete, name="export-delete"),
]
