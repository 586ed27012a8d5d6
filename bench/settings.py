"""The bench's settings: the project's, with the bare view's URL (bench/urls.py) and static files
named without the manifest (the load run's gunicorn runs with DEBUG off and no collectstatic; the
pages are what is measured, not their files)."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench.urls"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
