"""Who may translate: the network's secretariat (coordinator, consultant) by default."""

from gcmhub.core.access import actor_for, network_of
from gcmhub.core.permissions import Perm


def may_translate_in(user, cycle) -> bool:
    """Whether `user` may write translations of the texts of `cycle`'s network."""
    return user.is_authenticated and actor_for(user, network_of(cycle)).has(Perm.TRANSLATE)
