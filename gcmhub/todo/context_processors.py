from django.utils.functional import SimpleLazyObject

from gcmhub.todo.selectors import task_count


def tasks(request):
    """Give the header the number of the user's tasks: counted only when a page shows it, once
    per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_task_count"):
        request._task_count = SimpleLazyObject(lambda: task_count(user))
    return {"task_count": request._task_count}
