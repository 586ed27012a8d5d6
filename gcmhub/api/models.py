from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RevokedTokenNotice(models.Model):
    """A person whose token was revoked when tokens became stored hashed (migration
    0001_revoke_plain_tokens): their profile page tells them so until they create a new token
    or dismiss the note."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="revoked_token_notice",
        verbose_name=_("person"),
    )
    created = models.DateTimeField(_("revoked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("revoked token notice")
        verbose_name_plural = _("revoked token notices")

    def __str__(self) -> str:
        return str(self.user)
