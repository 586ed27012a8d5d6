"""Downloading a file as a reader does: the worker makes it, then the download serves it."""

import re

from gcmhub.core import jobs
from gcmhub.core.models import FileJob


def fetched(client, url: str, *, make: str | None = None):
    """The response of `url` once its file is made: a draft's file is asked for with its
    button (the POST `make`), any other by the first visit (an issued version's already when
    it was issued), which leads to the file's page while it is being made; the worker makes
    that one file (the others the demo queued wait); then the download serves the stored file.
    Read its bytes once with `getvalue()`."""
    if make is not None:
        client.post(make)
    waiting = client.get(url)
    assert waiting.status_code == 302, waiting
    job = re.fullmatch(r".*/files/(\d+)/", waiting["Location"])
    assert job, waiting["Location"]
    jobs.run(FileJob, int(job[1]))
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, (response, response.get("Location"))
    return response
