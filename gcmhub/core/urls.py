from django.urls import path

from gcmhub.core import file_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.language_set, name="language-set"),
    path("files/<int:pk>/", file_views.file_job, name="file-job"),
    path("files/<int:pk>/download/", file_views.file_download, name="file-download"),
    path("files/<int:pk>/retry/", file_views.file_retry, name="file-retry"),
    path("networks/", views.network_list, name="network-list"),
    path("networks/<slug:network_slug>/", views.network_detail, name="network-detail"),
    path("networks/<slug:network_slug>/cycles/new/", views.cycle_create, name="cycle-create"),
    path(
        "networks/<slug:network_slug>/cycles/<int:cycle_pk>/",
        views.cycle_detail,
        name="cycle-detail",
    ),
    path(
        "networks/<slug:network_slug>/cycles/<int:cycle_pk>/edit/",
        views.cycle_edit,
        name="cycle-edit",
    ),
    path(
        "networks/<slug:network_slug>/cycles/<int:cycle_pk>/history/",
        views.cycle_history,
        name="cycle-history",
    ),
]
