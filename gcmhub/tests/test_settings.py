"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "x7#k2-production-like-secret-key-with-enough-length-and-variety-9q",
    "ALLOWED_HOSTS": "gcmhub.example.org",
    "SECURE_HSTS_PRELOAD": "1",
    "DATABASE_URL": "sqlite:////tmp/gcmhub-deploy-check.sqlite3",
}


def manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_debug_a_secret_key_is_required():
    result = manage("check", env={})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_debug_is_off_unless_set():
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.stdout.strip() == "False"
