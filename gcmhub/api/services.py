"""API tokens: one per person, replaced or revoked from their profile page."""

from django.db import transaction
from rest_framework.authtoken.models import Token

from gcmhub.core.models import User


@transaction.atomic
def token_replace(*, user: User) -> Token:
    """Give the person a new token; the old one stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
