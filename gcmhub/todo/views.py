from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcmhub.core.selectors import networks_for_user
from gcmhub.todo.header import remember
from gcmhub.todo.selectors import tasks_for_user


@require_safe
def task_list(request):
    """What waits for the signed-in person, most urgent first: the page they land on."""
    items = tasks_for_user(request.user)
    context = {
        "items": items,
        "task_count": remember(request, len(items)),  # the header says the same
        "networks": networks_for_user(request.user).prefetch_related("cycles"),
        "section": "tasks",
    }
    return render(request, "todo/task_list.html", context)
