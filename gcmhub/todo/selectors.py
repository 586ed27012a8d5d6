"""Reads of My tasks: every provider's items for a person, most urgent first."""

from gcmhub.directory.models import Membership
from gcmhub.todo import registry


def memberships_of(user) -> list[Membership]:
    """The user's active memberships with their network and organisation (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True).select_related(
            "network", "organisation"
        )
    )


def tasks_for_user(user) -> list[registry.Item]:
    """What waits for `user` across every network and cycle they are in, overdue first, then
    by deadline, then the longest waiting."""
    memberships = memberships_of(user)
    if not memberships:
        return []
    items = []
    for provider in registry.providers():
        items.extend(provider(user, memberships))
    return sorted(items, key=registry.Item.sort_key)


def task_count(user) -> int:
    return len(tasks_for_user(user))
