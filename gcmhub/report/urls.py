from django.urls import path

from gcmhub.report import views

urlpatterns = [
    path("report/", views.report, name="report"),
    path("published/", views.published, name="report-published"),
]
