"""Double clicks and two people at once: one version, never a server error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from gcmhub.documents import services
from gcmhub.documents.models import Version
from gcmhub.documents.tests.conftest import revise
from gcmhub.report.kind import NEEDS_ASSESSMENT


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_issues_make_one_version(cycle, consultant):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is not shared by threads the way a file is")
    document = services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    services.version_issue(document=document, by=consultant, confirmed=True)
    revise(document, consultant)
    outcomes, barrier = [], threading.Barrier(20)

    def issue():
        barrier.wait()
        try:
            services.version_issue(document=document, by=consultant, confirmed=True)
            outcomes.append("issued")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("issued") == 1
    refused = [o for o in outcomes if o != "issued"]
    assert all(o.startswith("Nothing has changed since version 0.2") for o in refused), refused
    assert [v.number for v in Version.objects.filter(document=document)] == ["0.1", "0.2"]
