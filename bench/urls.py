"""The project's URLs and the bench's bare view: a tiny response behind the same middleware
(session, authentication, language, CSP...), the unit the pages' times are divided by."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *project_urlpatterns]
