"""The API's pages for people: managing one's tokens (a section of the profile page)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gcmhub.api import services
from gcmhub.api.forms import TokenCreateForm


@never_cache  # the page shows the new key: no copy of it kept by the browser or a proxy
@require_POST
def token(request):
    action = request.POST.get("action")
    if action == "revoke":
        if services.token_revoke(user=request.user, digest=request.POST.get("token", "")):
            messages.success(request, _("The API token has been revoked."))
        return redirect("profile")
    if action == "dismiss":
        services.token_notice_dismiss(user=request.user)
        return redirect("profile")
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose when the token expires."))
        return redirect("profile")
    instance, key = services.token_create(
        user=request.user, expiry_days=form.cleaned_data["expiry_days"]
    )
    # Shown once, on this page only (never put in a message or a cookie, never stored).
    return render(request, "api/token_created.html", {"token": instance, "key": key})
