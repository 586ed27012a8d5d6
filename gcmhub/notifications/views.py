from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.notifications import selectors, services
from gcmhub.notifications.forms import PreferencesForm


@require_safe
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    context = {
        "notifications": page.object_list,
        "page": page,
        "filters": {},
        "unread": selectors.unread_count(request.user),
    }
    return render(request, "notifications/notification_list.html", context)


@require_safe
def notification_open(request, notification_pk):
    """Follow a notification to the thing itself; following it reads it."""
    notification = selectors.notification_for_user(request.user, notification_pk)
    services.notification_open(notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notification-list")
    return redirect(notification.url)


@require_POST
def notifications_read(request):
    count = services.notifications_read_all(user=request.user)
    if count:
        messages.success(request, _("Every notification is marked read."))
    return redirect("notification-list")


def notification_preferences(request):
    form = PreferencesForm(
        request.POST or None, initial_choices=selectors.preferences_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your choices of e-mails have been saved."))
        return redirect("notification-preferences")
    return render(request, "notifications/preferences.html", {"form": form})
