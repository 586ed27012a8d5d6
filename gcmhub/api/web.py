"""The API's pages for people: managing one's token (linked from the profile page)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.api import services


@require_POST
def token(request):
    if request.POST.get("action") == "revoke":
        if services.token_revoke(user=request.user):
            messages.success(request, _("Your API token has been revoked."))
        return redirect("profile")
    created = services.token_replace(user=request.user)
    # Shown once, on this page only (never put in a message or a cookie).
    return render(request, "api/token_created.html", {"token": created})
