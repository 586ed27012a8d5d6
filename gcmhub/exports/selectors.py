from gcmhub.exports.models import ExportJob


def jobs_of(cycle, *, limit: int = 20) -> list[ExportJob]:
    """The cycle's recent export jobs, newest first."""
    return list(cycle.export_jobs.select_related("requested_by")[:limit])


def job_of(cycle, pk: int) -> ExportJob | None:
    return cycle.export_jobs.select_related("requested_by").filter(pk=pk).first()
