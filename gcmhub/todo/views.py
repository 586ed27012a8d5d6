import logging

from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcmhub.core.selectors import networks_for_user
from gcmhub.todo.selectors import task_count, tasks_for_user

logger = logging.getLogger(__name__)


@require_safe
def task_list(request):
    """What waits for the signed-in person, most urgent first: the page they land on."""
    items = tasks_for_user(request.user)
    context = {
        "items": items,
        "task_count": len(items),
        "networks": networks_for_user(request.user).prefetch_related("cycles"),
        "section": "tasks",
    }
    return render(request, "todo/task_list.html", context)


@require_safe
def task_count_badge(request):
    """The number of the person's tasks, for the header: fetched by the page once it is shown
    (htmx), so that no page waits for it or pays its queries. A database that cannot answer
    now leaves the header as it is (204: htmx swaps nothing) rather than an error page."""
    try:
        count = task_count(request.user)
    except DatabaseError:
        logger.warning("the task count could not be read", exc_info=True)
        return HttpResponse(status=204)
    return render(request, "todo/_count.html", {"task_count": count})
