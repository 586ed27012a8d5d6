from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcmhub.todo.selectors import tasks_for_user


@require_safe
def task_list(request):
    """What waits for the signed-in person, most urgent first: the page they land on."""
    items = tasks_for_user(request.user)
    request._task_count = len(items)
    return render(request, "todo/task_list.html", {"items": items})
