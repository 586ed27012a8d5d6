"""API tokens (django-rest-knox): stored as a hash, shown once, several per person, each with an
optional expiry; created and revoked from the person's profile page.

Each creation inserts its own row and deletes nothing, so parallel creations cannot collide."""

import datetime as dt

from django.db import transaction
from knox.models import AuthToken

from gcmhub.api.models import RevokedTokenNotice
from gcmhub.core.models import User


@transaction.atomic
def token_create(*, user: User, expiry_days: int | None) -> tuple[AuthToken, str]:
    """A new token for the person; returns the row and the token itself, which is not stored
    (only its hash is) and so can be shown this once only."""
    expiry = dt.timedelta(days=expiry_days) if expiry_days else None
    RevokedTokenNotice.objects.filter(user=user).delete()
    return AuthToken.objects.create(user=user, expiry=expiry)


@transaction.atomic
def token_revoke(*, user: User, digest: str) -> bool:
    """Revoke one of the person's own tokens; another person's token is never touched."""
    deleted, _ = AuthToken.objects.filter(user=user, digest=digest).delete()
    return bool(deleted)


@transaction.atomic
def token_notice_dismiss(*, user: User) -> None:
    RevokedTokenNotice.objects.filter(user=user).delete()
