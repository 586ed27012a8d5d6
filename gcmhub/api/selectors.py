"""Reads for the API's pages for people."""

from django.db.models import QuerySet
from knox.models import AuthToken

from gcmhub.api.models import RevokedTokenNotice
from gcmhub.core.models import User


def tokens_for_user(user: User) -> QuerySet[AuthToken]:
    """The person's own tokens, newest first (expired ones too, marked by their expiry)."""
    return AuthToken.objects.filter(user=user).order_by("-created")


def token_notice_for_user(user: User) -> RevokedTokenNotice | None:
    return RevokedTokenNotice.objects.filter(user=user).first()
