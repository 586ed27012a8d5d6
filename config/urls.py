from django.contrib import admin
from django.urls import include, path

from gcmhub.core.views import favicon

cycle = "networks/<slug:network_slug>/cycles/<int:cycle_pk>/"

urlpatterns = [
    # Pages without their own icon link (the admin's): browsers ask for /favicon.ico.
    path("favicon.ico", favicon),
    path("accounts/", include("gcmhub.directory.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("framework/", include("gcmhub.framework.urls")),
    path(cycle, include("gcmhub.framework.cycle_urls")),
    path(cycle, include("gcmhub.directory.cycle_urls")),
    path(cycle + "assessment/", include("gcmhub.assessments.urls")),
    path(cycle + "priorities/", include("gcmhub.priorities.urls")),
    path(cycle + "documents/", include("gcmhub.report.urls")),
    path(cycle + "documents/", include("gcmhub.documents.urls")),
    path(cycle + "meetings/", include("gcmhub.meetings.urls")),
    path(cycle, include("gcmhub.coordination.urls")),
    path(cycle, include("gcmhub.workplan.urls")),
    path(cycle + "imrf/", include("gcmhub.imrf.urls")),
    path("api/", include("gcmhub.api.urls")),
    path("regions/", include("gcmhub.regions.urls")),
    path("tasks/", include("gcmhub.todo.urls")),
    path("notifications/", include("gcmhub.notifications.urls")),
    path(cycle + "exports/", include("gcmhub.exports.urls")),
    path("search/", include("gcmhub.search.urls")),
    path(cycle, include("gcmhub.editions.urls")),
    path("reports/", include("gcmhub.documents.public_urls")),
    path("networks/<slug:network_slug>/", include("gcmhub.directory.urls")),
    path("", include("gcmhub.core.urls")),
]
