"""Who owns an action point: an organisation of the network or one of its people, matched
from the text the minutes name them by (its name, acronym or "name (acronym)", in either
language; a person's full name or username), else the text itself."""


def _fold(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def organisation_names(organisation) -> set[str]:
    names = set()
    for name, acronym in (
        (organisation.name, organisation.acronym),
        (organisation.name_tr, organisation.acronym_tr),
    ):
        if name:
            names.add(_fold(name))
        if acronym:
            names.add(_fold(acronym))
            if name:
                names.add(_fold(f"{name} ({acronym})"))
    return names


def person_names(user) -> set[str]:
    names = {_fold(user.username)}
    full = f"{user.first_name} {user.last_name}".strip()
    if full:
        names.add(_fold(full))
    return names


def match_owner(text: str, *, organisations, people) -> tuple:
    """(organisation, person) the text names exactly (one of them or neither)."""
    wanted = _fold(text)
    if not wanted:
        return None, None
    found = [o for o in organisations if wanted in organisation_names(o)]
    if len(found) == 1:
        return found[0], None
    found = [p for p in people if wanted in person_names(p)]
    if len(found) == 1:
        return None, found[0]
    return None, None
