"""Who may translate: the network's secretariat (coordinator, consultant) by default."""

from gcmhub.core.access import actor_for, network_of
from gcmhub.core.permissions import Perm

_MEMO = "_gcmhub_may_translate"


def may_translate_in(user, cycle) -> bool:
    """Whether `user` may write translations of the texts of `cycle`'s network. Asked for each
    text of a list: the answer is kept on the user object for the network (one request)."""
    if not user.is_authenticated:
        return False
    memo = user.__dict__.setdefault(_MEMO, {})
    network_id = cycle.network_id
    if network_id not in memo:
        memo[network_id] = actor_for(user, network_of(cycle)).has(Perm.TRANSLATE)
    return memo[network_id]
