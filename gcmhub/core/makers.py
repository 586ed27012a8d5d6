"""The kinds of file the workers make, registered by the apps that own them (see core.jobs)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Maker:
    """A kind of file: `make(job, progress)` returns (file name, bytes, content type) from
    `job.params` (job: a `core.models.FileJob`); `may_read(user, job)` tells who may see and
    download it."""

    kind: str
    make: Callable[[Any, Progress], tuple[str, bytes, str]]
    may_read: Callable[[Any, Any], bool]  # (user, job)


_MAKERS: dict[str, Maker] = {}


def register_maker(maker: Maker) -> None:
    _MAKERS[maker.kind] = maker


def maker_of(kind: str) -> Maker:
    try:
        return _MAKERS[kind]
    except KeyError:
        raise LookupError(f"no maker of files of kind {kind!r} is registered") from None
