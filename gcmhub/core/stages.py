"""The stages of a cycle, as each app declares them.

An app that implements a stage registers it here (from its AppConfig.ready); the cycle
home page and the navigation show exactly the registered stages, each with the state that
its `state` function reads from the data. A stage that is not built is not registered,
so it never appears.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import AppConfig
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gcmhub.core.permissions import Perm


class Status:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    LABELS = {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        DONE: _("Done"),
    }


@dataclass
class StageState:
    status: str
    facts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)

    @property
    def status_label(self):
        return Status.LABELS[self.status]


@dataclass(frozen=True)
class Stage:
    key: str
    order: int
    label: str | Promise
    description: str | Promise
    url_name: str
    perm: Perm
    state: Callable  # (cycle, user) -> StageState


_registry: dict[str, Stage] = {}


def register(stage: Stage) -> None:
    _registry[stage.key] = stage


def registered() -> list[Stage]:
    return sorted(_registry.values(), key=lambda s: s.order)


class StageApp(AppConfig):
    """The configuration of an app that implements a stage: when Django is ready, it calls
    `register_stages()` of the app's `stages` module.

    Subclass it through the module (`stages.StageApp`), so that the app's `apps` module holds
    one AppConfig class, the one Django picks."""

    def ready(self):
        import_module(f"{self.name}.stages").register_stages()
