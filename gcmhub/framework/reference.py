"""Load the GCM reference data outside migrations (tests that flush the database use it)."""

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    """Load the reference data of the data migration if the database has none."""
    from gcmhub.framework.models import Objective

    if not Objective.objects.exists():
        migration = importlib.import_module("gcmhub.framework.migrations.0002_load_reference_data")
        migration.load(apps, None)
