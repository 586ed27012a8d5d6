from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.history import history_rows
from gcmhub.core.models import User
from gcmhub.core.pages import (
    act_and_back,
    cycle_page,
    form_errors,
    form_page,
    history_page,
    network_page,
)
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
    NetworkLogoForm,
    OrganisationFilter,
    OrganisationForm,
)
from gcmhub.directory.models import Membership
from gcmhub.directory.stages import setup_facts

ORGANISATIONS_PER_PAGE = 100  # rows of the organisations' tree


@require_safe
@network_page(Perm.ORGANISATION_VIEW)
def organisation_list(request, network):
    organisations = selectors.organisations_for_network(network)
    filterset = OrganisationFilter(request.GET or None, queryset=organisations)
    filtered = bool(
        filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())
    )
    rows = selectors.organisation_tree(list(filterset.qs if filtered else organisations))
    page = Paginator(rows, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "network": network,
        "filter": filterset,
        "organisations": page.object_list,
        "page": page,
        "filters": request.GET,
        "filtered": filtered,
        "section": "organisations",
    }
    template = "directory/organisation_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@network_page(Perm.ORGANISATION_MANAGE)
def network_logo(request, network):
    """The network's logo and its description, for the title pages of its documents."""
    return form_page(
        request,
        network=network,
        cycle=None,
        form=NetworkLogoForm(request.POST or None, request.FILES or None, instance=network),
        save=lambda data: services.network_logo_save(network=network, by=request.user, **data),
        success=_("The logo has been saved."),
        title=_("Logos on documents"),
        back=reverse("organisation-list", kwargs={"network_slug": network.slug}),
        section="organisations",
        template="directory/network_logo.html",
        partners=network.organisations.exclude(document_credit="").order_by("name"),
    )


@require_safe
@network_page(Perm.ORGANISATION_VIEW)
def organisation_detail(request, network, organisation_pk):
    organisation = get_organisation_for_network(network, organisation_pk)
    focal_points = organisation.memberships.filter(is_active=True).select_related("user")
    context = {
        "network": network,
        "organisation": organisation,
        "ancestors": selectors.organisation_ancestors(organisation),
        "children": selectors.organisation_children(organisation),
        "focal_points": focal_points,
        "section": "organisations",
    }
    return render(request, "directory/organisation_detail.html", context)


@network_page(Perm.ORGANISATION_MANAGE)
def organisation_create(request, network):
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        network=network,
        initial={"parent": request.GET.get("parent")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                network=network, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The organisation has been added."))
            return redirect(organisation)
    context = {"network": network, "form": form, "section": "organisations"}
    return render(request, "directory/organisation_form.html", context)


@network_page(Perm.ORGANISATION_MANAGE)
def organisation_edit(request, network, organisation_pk):
    organisation = get_organisation_for_network(network, organisation_pk)
    return form_page(
        request,
        network=network,
        cycle=None,
        form=OrganisationForm(
            request.POST or None, request.FILES or None, instance=organisation, network=network
        ),
        save=lambda data: services.organisation_update(
            organisation=organisation, by=request.user, **data
        ),
        success=_("The organisation has been saved."),
        title=None,
        back=organisation.get_absolute_url(),
        section="organisations",
        template="directory/organisation_form.html",
        organisation=organisation,
    )


@require_safe
@network_page(Perm.HISTORY_VIEW)
def organisation_history(request, network, organisation_pk):
    organisation = get_organisation_for_network(network, organisation_pk)
    return history_page(
        request,
        organisation,
        history_rows(organisation),
        back=organisation.get_absolute_url(),
        section="organisations",
    )


# People of a role shown on the list before "all of them" (a large network has hundreds of
# focal points).
MEMBERS_SHOWN = 50


@require_safe
@network_page(Perm.MEMBER_VIEW)
def member_list(request, network):
    """The people of the network by role: the first `MEMBERS_SHOWN` of each role, and all of
    one role a page at a time (?role=)."""
    role = request.GET.get("role", "")
    if role in Role.values:
        page = Paginator(
            selectors.memberships_for_network(network).filter(role=role), MEMBERS_SHOWN
        ).get_page(request.GET.get("page"))
        groups = [(ROLE_PLURALS[role], list(page.object_list), page.paginator.count, role)]
    else:
        page = None
        shown = selectors.first_members_by_role(network, MEMBERS_SHOWN)
        groups = [
            (ROLE_PLURALS[r], members, members[0].role_count, r)
            for r in Role
            if (members := [m for m in shown if m.role == r])
        ]
    context = {
        "network": network,
        "groups": groups,
        "role": role if page else "",
        "page": page,
        "filters": request.GET.copy(),
        "former": selectors.memberships_for_network(network, active=False),
        "invitations": selectors.open_invitations_for_network(network),
        "section": "members",
    }
    return render(request, "directory/member_list.html", context)


@network_page(Perm.MEMBER_MANAGE)
def member_edit(request, network, membership_pk):
    membership = get_membership_for_network(network, membership_pk)
    return form_page(
        request,
        network=network,
        cycle=None,
        form=MembershipForm(request.POST or None, instance=membership, network=network),
        save=lambda data: services.membership_update(
            membership=membership, by=request.user, **data
        ),
        success=_("The membership has been saved."),
        title=None,
        back=reverse("member-list", kwargs={"network_slug": network.slug}),
        section="members",
        template="directory/member_form.html",
        membership=membership,
    )


@require_safe
@network_page(Perm.HISTORY_VIEW)
def member_history(request, network, membership_pk):
    membership = get_membership_for_network(network, membership_pk)
    return history_page(
        request,
        membership,
        history_rows(membership),
        back=reverse("member-list", kwargs={"network_slug": network.slug}),
        section="members",
    )


@network_page(Perm.MEMBER_MANAGE)
def invitation_create(request, network):
    form = InvitationForm(
        request.POST or None,
        network=network,
        initial={
            "language": request.LANGUAGE_CODE,
            "organisation": request.GET.get("organisation"),
        },
    )
    return form_page(
        request,
        network=network,
        cycle=None,
        form=form,
        save=lambda data: services.invitation_create(network=network, by=request.user, **data),
        success=lambda invitation: (
            _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
        ),
        title=None,
        back=reverse("member-list", kwargs={"network_slug": network.slug}),
        section="members",
        template="directory/invitation_form.html",
    )


@require_POST
@network_page(Perm.MEMBER_MANAGE)
def invitation_resend(request, network, invitation_pk):
    return _invitation_action(
        request,
        network,
        invitation_pk,
        services.invitation_resend,
        _("The invitation has been sent again."),
    )


@require_POST
@network_page(Perm.MEMBER_MANAGE)
def invitation_revoke(request, network, invitation_pk):
    return _invitation_action(
        request,
        network,
        invitation_pk,
        services.invitation_revoke,
        _("The invitation has been withdrawn."),
    )


def _invitation_action(request, network, invitation_pk, service, success):
    invitation = get_invitation_for_network(network, invitation_pk)
    return act_and_back(
        request,
        lambda: service(invitation=invitation, by=request.user),
        success,
        reverse("member-list", kwargs={"network_slug": network.slug}),
    )


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
            account = {k: form.cleaned_data[k] for k in ["first_name", "last_name", "username"]}
            user = services.user_create_from_invitation(
                invitation=invitation, password=form.cleaned_data["password1"], **account
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
@cycle_page(Perm.CYCLE_VIEW)
def cycle_setup(request, network, cycle):
    tree = selectors.organisation_tree(list(selectors.organisations_for_network(network)))
    page = Paginator(tree, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    focal_points = selectors.focal_points_by_organisation(network, page.object_list)
    for organisation in page.object_list:
        organisation.focal_point_list = focal_points.get(organisation.pk, [])
    context = {
        "network": network,
        "cycle": cycle,
        "facts": setup_facts(cycle),
        "organisations": page.object_list,
        "page": page,
        "filters": request.GET,
        "invitations": selectors.open_invitations_for_network(network)
        if user_has_perm(request.user, Perm.MEMBER_VIEW, network=network)
        else [],
        "section": "setup",
    }
    return render(request, "directory/cycle_setup.html", context)
