"""Token authentication (django-rest-knox: tokens stored as a hash) with failed attempts
counted per client address: after LOGIN_FAILURE_LIMIT wrong tokens within LOGIN_COOLOFF_MINUTES,
every token from that address is refused (429) until the window has passed, the right one too,
as for the sign-in page (django-axes)."""

from django.conf import settings
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header
from rest_framework.throttling import SimpleRateThrottle


class FailedTokenThrottle(SimpleRateThrottle):
    """DRF's sliding-window throttle, but counting only failed token authentications."""

    scope = "token_failure"

    def __init__(self):
        self.rate = f"{settings.AXES_FAILURE_LIMIT}/window"
        self.num_requests = settings.AXES_FAILURE_LIMIT
        self.duration = int(settings.AXES_COOLOFF_TIME.total_seconds())

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        """Only looks: a request counts once its token has proved wrong (record_failure)."""
        self.key = self.get_cache_key(request, view)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) < self.num_requests

    def record_failure(self):
        self.throttle_success()


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.authenticate_header(request).encode().lower():
            return None  # no token: another authentication (the session) may apply
        throttle = FailedTokenThrottle()
        if not throttle.allow_request(request, None):
            raise exceptions.Throttled(
                throttle.wait(),
                detail=_("Too many wrong tokens were sent from your address."),
            )
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.record_failure()
            raise
