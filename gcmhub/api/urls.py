from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from gcmhub.api import views, web

router = DefaultRouter()
router.register("networks", views.NetworkViewSet, basename="api-network")
router.register("cycles", views.CycleViewSet, basename="api-cycle")
router.register("objectives", views.ObjectiveViewSet, basename="api-objective")
cycle = r"cycles/(?P<cycle_pk>\d+)/"
router.register(cycle + "organisations", views.OrganisationViewSet, basename="api-organisation")
router.register(cycle + "inputs", views.InputViewSet, basename="api-input")
router.register(cycle + "consultations", views.ConsultationViewSet, basename="api-consultation")
router.register(cycle + "decisions", views.DecisionViewSet, basename="api-decision")
router.register(cycle + "score-sheets", views.ScoreSheetViewSet, basename="api-score-sheet")
router.register(cycle + "documents", views.DocumentViewSet, basename="api-document")
router.register(cycle + "reviews", views.ReviewViewSet, basename="api-review")
router.register(
    cycle + r"reviews/(?P<review_pk>\d+)/comments", views.CommentViewSet, basename="api-comment"
)
router.register(cycle + "outputs", views.OutputViewSet, basename="api-output")
router.register(cycle + "activities", views.ActivityViewSet, basename="api-activity")
router.register(cycle + "indicators", views.IndicatorViewSet, basename="api-indicator")
router.register(cycle + "periods", views.ReportingPeriodViewSet, basename="api-period")
router.register(
    cycle + "progress-reports", views.ProgressReportViewSet, basename="api-progress-report"
)
router.register(cycle + "obligations", views.ObligationViewSet, basename="api-obligation")
router.register(cycle + "working-groups", views.WorkingGroupViewSet, basename="api-working-group")
router.register(cycle + "meetings", views.MeetingViewSet, basename="api-meeting")

# The API answers 401 itself: the site-wide login redirect is not for it.
for pattern in router.urls:
    login_not_required(pattern.callback)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("token/", web.token, name="api-token"),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "docs/",
        # The split view serves its start-up script at ?script: no inline script (CSP).
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    # ReDoc is not served: its bundle loads its logo from a CDN, runs its search in a blob:
    # worker and injects styles without a nonce, all refused by the Content-Security-Policy.
    # The same schema reads in Swagger UI.
    path(
        "redoc/",
        login_not_required(RedirectView.as_view(pattern_name="api-docs", permanent=True)),
        name="api-redoc",
    ),
]
