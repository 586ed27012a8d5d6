from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import cycle_for_request, network_for_request, require
from gcmhub.core.history import history_rows
from gcmhub.core.models import User
from gcmhub.core.permissions import ROLE_PLURALS, Perm, Role, user_has_perm
from gcmhub.directory import selectors, services
from gcmhub.directory.access import (
    get_invitation_for_network,
    get_membership_for_network,
    get_organisation_for_network,
)
from gcmhub.directory.forms import (
    AccountFromInvitationForm,
    InvitationForm,
    MembershipForm,
    OrganisationFilter,
    OrganisationForm,
)
from gcmhub.directory.models import Membership
from gcmhub.directory.stages import setup_facts


def _save_form(form, call):
    """Run a service with the form's data; put its validation errors back on the form."""
    try:
        return call(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@require_safe
def organisation_list(request, network_slug):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.ORGANISATION_VIEW, network=network)
    organisations = selectors.organisations_for_network(network)
    filterset = OrganisationFilter(request.GET or None, queryset=organisations)
    filtered = bool(
        filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    )
    rows = selectors.organisation_tree(list(filterset.qs if filtered else organisations))
    context = {
        "network": network,
        "filter": filterset,
        "organisations": rows,
        "filtered": filtered,
        "section": "organisations",
    }
    template = "directory/organisation_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_safe
def organisation_detail(request, network_slug, organisation_pk):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.ORGANISATION_VIEW, network=network)
    organisation = get_organisation_for_network(network, organisation_pk)
    focal_points = organisation.memberships.filter(is_active=True).select_related("user")
    context = {
        "network": network,
        "organisation": organisation,
        "ancestors": selectors.organisation_ancestors(organisation),
        "children": organisation.children.order_by("name"),
        "focal_points": focal_points,
        "section": "organisations",
    }
    return render(request, "directory/organisation_detail.html", context)


def organisation_create(request, network_slug):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.ORGANISATION_MANAGE, network=network)
    form = OrganisationForm(
        request.POST or None, network=network, initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        organisation = _save_form(
            form,
            lambda data: services.organisation_create(network=network, by=request.user, data=data),
        )
        if organisation:
            messages.success(request, _("The organisation has been added."))
            return redirect(organisation)
    context = {"network": network, "form": form, "section": "organisations"}
    return render(request, "directory/organisation_form.html", context)


def organisation_edit(request, network_slug, organisation_pk):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.ORGANISATION_MANAGE, network=network)
    organisation = get_organisation_for_network(network, organisation_pk)
    form = OrganisationForm(request.POST or None, instance=organisation, network=network)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(
            form,
            lambda data: services.organisation_update(
                organisation=organisation, by=request.user, data=data
            ),
        )
        if saved:
            messages.success(request, _("The organisation has been saved."))
            return redirect(organisation)
    context = {
        "network": network,
        "form": form,
        "organisation": organisation,
        "section": "organisations",
    }
    return render(request, "directory/organisation_form.html", context)


@require_safe
def organisation_history(request, network_slug, organisation_pk):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.HISTORY_VIEW, network=network)
    organisation = get_organisation_for_network(network, organisation_pk)
    context = {
        "object": organisation,
        "rows": history_rows(organisation),
        "back_url": organisation.get_absolute_url(),
        "section": "organisations",
    }
    return render(request, "core/history.html", context)


@require_safe
def member_list(request, network_slug):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.MEMBER_VIEW, network=network)
    memberships = list(selectors.memberships_for_network(network))
    groups = [(ROLE_PLURALS[role], [m for m in memberships if m.role == role]) for role in Role]
    context = {
        "network": network,
        "groups": [(label, members) for label, members in groups if members],
        "former": selectors.memberships_for_network(network, active=False),
        "invitations": selectors.open_invitations_for_network(network),
        "section": "members",
    }
    return render(request, "directory/member_list.html", context)


def member_edit(request, network_slug, membership_pk):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.MEMBER_MANAGE, network=network)
    membership = get_membership_for_network(network, membership_pk)
    form = MembershipForm(request.POST or None, instance=membership, network=network)
    if request.method == "POST" and form.is_valid():
        saved = _save_form(
            form,
            lambda data: services.membership_update(
                membership=membership, by=request.user, data=data
            ),
        )
        if saved:
            messages.success(request, _("The membership has been saved."))
            return redirect("member-list", network_slug=network.slug)
    context = {"network": network, "form": form, "membership": membership, "section": "members"}
    return render(request, "directory/member_form.html", context)


@require_safe
def member_history(request, network_slug, membership_pk):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.HISTORY_VIEW, network=network)
    membership = get_membership_for_network(network, membership_pk)
    context = {
        "object": membership,
        "rows": history_rows(membership),
        "back_url": reverse("member-list", kwargs={"network_slug": network.slug}),
        "section": "members",
    }
    return render(request, "core/history.html", context)


def invitation_create(request, network_slug):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.MEMBER_MANAGE, network=network)
    form = InvitationForm(
        request.POST or None,
        network=network,
        initial={
            "language": request.LANGUAGE_CODE,
            "organisation": request.GET.get("organisation"),
        },
    )
    if request.method == "POST" and form.is_valid():
        invitation = _save_form(
            form,
            lambda data: services.invitation_create(network=network, by=request.user, data=data),
        )
        if invitation:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("member-list", network_slug=network.slug)
    context = {"network": network, "form": form, "section": "members"}
    return render(request, "directory/invitation_form.html", context)


@require_POST
def invitation_resend(request, network_slug, invitation_pk):
    return _invitation_action(
        request,
        network_slug,
        invitation_pk,
        services.invitation_resend,
        _("The invitation has been sent again."),
    )


@require_POST
def invitation_revoke(request, network_slug, invitation_pk):
    return _invitation_action(
        request,
        network_slug,
        invitation_pk,
        services.invitation_revoke,
        _("The invitation has been withdrawn."),
    )


def _invitation_action(request, network_slug, invitation_pk, service, success):
    network = network_for_request(request, network_slug)
    require(request.user, Perm.MEMBER_MANAGE, network=network)
    invitation = get_invitation_for_network(network, invitation_pk)
    try:
        service(invitation=invitation, by=request.user)
        messages.success(request, success)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("member-list", network_slug=network.slug)


@login_not_required
def invitation_accept(request, token):
    """Join a network from an e-mailed link: sign up, or accept with the signed-in account."""
    invitation = services.invitation_from_token(token)
    if invitation is None or not invitation.is_open:
        return render(
            request, "directory/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    if request.user.is_authenticated:
        form = None
        if request.method == "POST":
            return _accept_and_go(request, invitation, request.user)
    else:
        first, _sep, last = invitation.full_name.strip().rpartition(" ")
        initial = {
            "username": invitation.email.split("@")[0],
            "first_name": first or last,
            "last_name": last if first else "",
        }
        form = AccountFromInvitationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = {k: form.cleaned_data[k] for k in ["first_name", "last_name", "username"]}
            user = services.user_create_from_invitation(
                invitation=invitation, data=data, password=form.cleaned_data["password1"]
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(network)s.") % {"network": invitation.network}
            )
            return redirect(invitation.network)
    existing_account = (
        not request.user.is_authenticated
        and User.objects.filter(email__iexact=invitation.email).exists()
    )
    context = {"invitation": invitation, "form": form, "existing_account": existing_account}
    return render(request, "directory/invitation_accept.html", context)


def _accept_and_go(request, invitation, user):
    try:
        membership: Membership = services.invitation_accept(invitation=invitation, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("home")
    messages.success(request, _("You have joined %(network)s.") % {"network": membership.network})
    return redirect(membership.network)


@require_safe
def cycle_setup(request, network_slug, cycle_pk):
    network = network_for_request(request, network_slug)
    cycle = cycle_for_request(request, network, cycle_pk)
    require(request.user, Perm.CYCLE_VIEW, network=network)
    organisations = selectors.organisation_tree(list(selectors.organisations_for_network(network)))
    focal_points = selectors.focal_points_by_organisation(network)
    for organisation in organisations:
        organisation.focal_point_list = focal_points.get(organisation.pk, [])
    context = {
        "network": network,
        "cycle": cycle,
        "facts": setup_facts(cycle),
        "organisations": organisations,
        "invitations": selectors.open_invitations_for_network(network)
        if user_has_perm(request.user, Perm.MEMBER_VIEW, network=network)
        else [],
        "section": "setup",
    }
    return render(request, "directory/cycle_setup.html", context)
