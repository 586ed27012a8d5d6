"""Access helpers for exports: who may export a cycle, and the only way views reach a job."""

from django.http import Http404

from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.exports import selectors
from gcmhub.exports.models import ExportJob

# Exporting everything is for whoever sees everything of the cycle: the coordinator (README).
EXPORT_PERM = Perm.CYCLE_MANAGE


def get_job_for_cycle(cycle: Cycle, pk: int) -> ExportJob:
    """One export job of the cycle (404 for a job of another cycle)."""
    job = selectors.job_of(cycle, pk)
    if job is None:
        raise Http404
    job.cycle = cycle
    return job
