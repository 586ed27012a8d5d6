"""Where the home page sends someone who is in no network.

An app with pages outside the networks registers a destination here (from its AppConfig.ready):
a function of the user that names the URL of their home, or None when it has nothing for them.
The first destination that answers wins.
"""

from collections.abc import Callable

_registry: dict[str, Callable] = {}  # key -> (user) -> URL name or None


def register(key: str, destination: Callable) -> None:
    _registry[key] = destination


def outside_networks(user) -> str | None:
    """The URL name of the home of a user who is in no network, if an app has one for them."""
    for destination in _registry.values():
        url_name = destination(user)
        if url_name:
            return url_name
    return None
