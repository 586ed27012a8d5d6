from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language

from gcmhub.core import services, stages
from gcmhub.core.access import cycle_for_request, network_for_request, require
from gcmhub.core.forms import CycleForm, ProfileForm
from gcmhub.core.history import history_rows
from gcmhub.core.home import outside_networks as home_outside_networks
from gcmhub.core.pages import history_page
from gcmhub.core.permissions import Perm, Role, user_has_perm
from gcmhub.core.selectors import cycles_for_network, networks_for_user


@login_not_required
def favicon(request):
    """Pages without an icon link of their own (the admin's) make browsers ask for this."""
    return redirect(static("gcmhub/favicon.svg"), permanent=True)


def login_locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): the sign-in page
    again, saying why and for how long, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "Too many failed sign-ins for this account or from your address. Signing in is paused "
        "for %(minutes)s minute: try again later.",
        "Too many failed sign-ins for this account or from your address. Signing in is paused "
        "for %(minutes)s minutes: try again later.",
        minutes,
    ) % {"minutes": minutes}
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


@require_safe
def home(request):
    """Send people to what waits for them (My tasks, across their networks); someone in no
    network to the home an app offers them (a regional coordinator: their regions), else to
    the list saying how to join one."""
    networks = list(networks_for_user(request.user))
    if networks:
        return redirect("task-list")
    destination = home_outside_networks(request.user)
    if destination:
        return redirect(destination)
    return render(request, "core/network_list.html", {"networks": networks})


@require_safe
def network_list(request):
    networks = networks_for_user(request.user).prefetch_related("cycles")
    return render(request, "core/network_list.html", {"networks": networks})


@require_safe
def network_detail(request, network_slug):
    network = network_for_request(request, network_slug)
    cycles = cycles_for_network(network)
    coordinators = network.memberships.filter(role=Role.COORDINATOR, is_active=True).select_related(
        "user", "organisation"
    )
    return render(
        request,
        "core/network_detail.html",
        {"network": network, "cycles": cycles, "coordinators": coordinators},
    )


@require_safe
def cycle_detail(request, network_slug, cycle_pk):
    network = network_for_request(request, network_slug)
    cycle = cycle_for_request(request, network, cycle_pk)
    require(request.user, Perm.CYCLE_VIEW, network=network)
    cycle_stages = [
        (stage, stage.state(cycle, request.user))
        for stage in stages.registered()
        if user_has_perm(request.user, stage.perm, network=network)
    ]
    return render(
        request,
        "core/cycle_detail.html",
        {"network": network, "cycle": cycle, "stages": cycle_stages, "section": "cycle"},
    )


def cycle_create(request, network_slug):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.CYCLE_MANAGE, network=network)
    form = CycleForm(request.POST or None, initial={"country": network.country})
    if request.method == "POST" and form.is_valid():
        cycle = services.cycle_create(network=network, by=request.user, **form.cleaned_data)
        messages.success(request, _("The cycle has been created."))
        return redirect(cycle)
    return render(request, "core/cycle_form.html", {"network": network, "form": form})


def cycle_edit(request, network_slug, cycle_pk):
    network = network_for_request(request, network_slug)
    cycle = cycle_for_request(request, network, cycle_pk)
    require(request.user, Perm.CYCLE_MANAGE, network=network)
    form = CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        services.cycle_update(cycle=cycle, by=request.user, **form.cleaned_data)
        messages.success(request, _("The cycle has been saved."))
        return redirect(cycle)
    return render(
        request, "core/cycle_form.html", {"network": network, "cycle": cycle, "form": form}
    )


@require_safe
def cycle_history(request, network_slug, cycle_pk):
    network = network_for_request(request, network_slug)
    cycle = cycle_for_request(request, network, cycle_pk)
    require(request.user, Perm.HISTORY_VIEW, network=network)
    return history_page(request, cycle, history_rows(cycle), back=cycle.get_absolute_url())


def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"], samesite="Lax"
        )
        return response
    memberships = request.user.memberships.filter(is_active=True).select_related(
        "network", "organisation"
    )
    return render(request, "core/profile.html", {"form": form, "memberships": memberships})


@login_not_required
@require_POST
def language_set(request):
    """Switch the interface language (Django's view) and remember it for the person's e-mails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response
