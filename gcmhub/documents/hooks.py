"""What apps built on documents add to its versions, registered from their AppConfig.ready().

The engine issues versions; the rules around the final one belong to the apps that hold them
(the validation meeting lives in `meetings`):

- `finalisation_blockers(document, *, content)`: what stands between a document and its final
  version, in words for the coordinator (the final version is refused while any is left);
- `on_version_issued(version)`: what else a new version settles (agreed changes of a meeting
  marked "made in the next version");
- `endorsers(document)`: the organisations asked to endorse the final version;
- `annexes(version)`: the annexes of the final version's files (heading, table, ...).
"""

from collections.abc import Callable

_BLOCKERS: list[Callable] = []
_ISSUED: list[Callable] = []
_ENDORSERS: list[Callable] = []
_ANNEXES: list[Callable] = []


def register(
    *,
    finalisation_blockers: Callable | None = None,
    on_version_issued: Callable | None = None,
    endorsers: Callable | None = None,
    annexes: Callable | None = None,
) -> None:
    for hooks, hook in (
        (_BLOCKERS, finalisation_blockers),
        (_ISSUED, on_version_issued),
        (_ENDORSERS, endorsers),
        (_ANNEXES, annexes),
    ):
        if hook is not None and hook not in hooks:
            hooks.append(hook)


def finalisation_blockers(document, *, content: dict | None = None) -> list[str]:
    return [blocker for hook in _BLOCKERS for blocker in hook(document, content=content)]


def version_issued(version) -> None:
    for hook in _ISSUED:
        hook(version)


def endorsers(document) -> list:
    """The organisations asked to endorse the final version (each once, in the hooks' order)."""
    organisations = {}
    for hook in _ENDORSERS:
        for organisation in hook(document):
            organisations.setdefault(organisation.pk, organisation)
    return list(organisations.values())


def annexes(version) -> list[dict]:
    return [annex for hook in _ANNEXES for annex in hook(version)]
