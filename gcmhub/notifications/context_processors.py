from django.utils.functional import SimpleLazyObject

from gcmhub.notifications.selectors import unread_count


def unread(request):
    """The person's unread notifications, counted (one query) only when the header shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
