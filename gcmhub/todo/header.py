"""The count of My tasks in the header of every page, kept in the cache per person.

Working out the tasks asks every provider (a dozen queries), so a page does not do it each
time: the count is kept in Django's cache with the moment it was counted and counted again when
it is older than `FRESH_SECONDS`, when the person has just written something (any request
that is not a read forgets it: `ForgetTaskCount`), and whenever My tasks itself is shown. What
others do (an input returned to you) shows within that minute. Signing in counts it, so the
first page after it pays nothing more. The cache, not the session: keeping it there would write
the person's session again every minute and after every write.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.dispatch import receiver

from gcmhub.todo.selectors import task_count

FRESH_SECONDS = 60


def cache_key(user) -> str:
    return f"todo:count:{user.pk}"


def remember(request, count: int) -> int:
    cache.set(cache_key(request.user), [count, time.time()], FRESH_SECONDS * 10)
    return count


def header_count(request) -> int:
    """The person's number of tasks: the one kept, or counted again when it is stale."""
    kept = cache.get(cache_key(request.user))
    if kept and time.time() - kept[1] < FRESH_SECONDS:
        return kept[0]
    return remember(request, task_count(request.user))


def task_count_context(request):
    """Context processor: `task_count`, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memo = {}

    def count():
        if "n" not in memo:
            memo["n"] = header_count(request)
        return memo["n"]

    return {"task_count": count}


class ForgetTaskCount:
    """Forget the kept count after any request that may have written (POST, PUT, PATCH,
    DELETE), so the next page counts what the person just did."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        if writes and user is not None and user.is_authenticated:
            cache.delete(cache_key(user))
        return response


@receiver(user_logged_in, dispatch_uid="todo-count-on-sign-in")
def _count_on_sign_in(sender, request, user, **kwargs):
    cache.set(cache_key(user), [task_count(user), time.time()], FRESH_SECONDS * 10)
