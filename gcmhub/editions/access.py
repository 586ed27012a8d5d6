"""Who may translate: the network's secretariat (coordinator, consultant) by default."""

from gcmhub.core.access import actor_for, network_of
from gcmhub.core.permissions import Actor, Perm

_MEMO = "_gcmhub_actors"


def actor_in(user, cycle) -> Actor:
    """Who `user` is in `cycle`'s network, asked once per network for one user object (one
    request): the texts of a list each ask it."""
    memo = user.__dict__.setdefault(_MEMO, {})
    if cycle.network_id not in memo:
        memo[cycle.network_id] = actor_for(user, network_of(cycle))
    return memo[cycle.network_id]


def may_translate_in(user, cycle) -> bool:
    """Whether `user` may write translations of the texts of `cycle`'s network."""
    return user.is_authenticated and actor_in(user, cycle).has(Perm.TRANSLATE)


def memo(user, name: str) -> dict:
    """A dict kept on the user object for one request (what a list asks of each text);
    `forget` drops them all, as the services do before they decide."""
    return user.__dict__.setdefault(f"_gcmhub_memo_{name}", {})


def forget(user) -> None:
    for key in [k for k in user.__dict__ if k == _MEMO or k.startswith("_gcmhub_memo_")]:
        del user.__dict__[key]
