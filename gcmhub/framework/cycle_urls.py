from django.urls import path

from gcmhub.framework import views

urlpatterns = [
    path(
        "cooperation-framework/",
        views.cooperation_framework_detail,
        name="cooperation-framework",
    ),
    path(
        "cooperation-framework/edit/",
        views.cooperation_framework_edit,
        name="cooperation-framework-edit",
    ),
    path(
        "cooperation-framework/history/",
        views.cooperation_framework_history,
        name="cooperation-framework-history",
    ),
]
