import pytest
from django.urls import reverse

from gcmhub.core.permissions import Role
from gcmhub.directory import services
from gcmhub.directory.models import Invitation, Membership, Organisation
from gcmhub.tests.factories import InvitationFactory, OrganisationFactory, UserFactory


def url(name, network, **kwargs):
    return reverse(name, kwargs={"network_slug": network.slug, **kwargs})


# Organisations


def test_organisation_list_shows_departments_under_their_ministry(client, network, focal_a, org_a):
    OrganisationFactory(network=network, name="Department of Data", parent=org_a)
    client.force_login(focal_a)
    response = client.get(url("organisation-list", network))
    rows = [(o.display_name, o.depth) for o in response.context["organisations"]]
    assert rows == [("Ministry A", 0), ("Department of Data", 1)]


def test_organisation_list_filters_by_type_and_text(client, network, focal_a, org_a):
    OrganisationFactory(network=network, name="UNICEF", type="un_agency")
    client.force_login(focal_a)
    response = client.get(url("organisation-list", network), {"type": "un_agency"})
    assert [o.name for o in response.context["organisations"]] == ["UNICEF"]
    response = client.get(url("organisation-list", network), {"q": "minis"})
    assert [o.name for o in response.context["organisations"]] == ["Ministry A"]


def test_organisation_filter_answers_htmx_with_the_results_fragment(
    client, network, focal_a, org_a
):
    client.force_login(focal_a)
    response = client.get(
        url("organisation-list", network), {"q": "Ministry"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content


def test_organisation_list_does_a_fixed_number_of_queries(
    client, network, focal_a, django_assert_max_num_queries
):
    client.force_login(focal_a)
    OrganisationFactory.create_batch(3, network=network)
    with django_assert_max_num_queries(12) as small:
        client.get(url("organisation-list", network))
    OrganisationFactory.create_batch(40, network=network)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("organisation-list", network))


def test_organisation_list_never_shows_another_networks_organisations(
    client, network, focal_a, org_a, other_org
):
    client.force_login(focal_a)
    content = client.get(url("organisation-list", network)).content.decode()
    assert "Ministry A" in content
    assert other_org.name not in content


def test_coordinator_adds_a_department_under_a_ministry(client, network, coordinator, org_a):
    client.force_login(coordinator)
    data = {
        "name": "Department of Data",
        "name_tr": "Veri Dairesi",
        "type": "government",
        "parent": org_a.pk,
    }
    response = client.post(url("organisation-create", network), data)
    department = Organisation.objects.get(name="Department of Data")
    assert response["Location"] == department.get_absolute_url()
    assert department.parent == org_a
    assert department.network == network
    assert department.history.get().history_user == coordinator


def test_a_duplicate_organisation_name_is_refused_with_a_message(
    client, network, coordinator, org_a
):
    client.force_login(coordinator)
    response = client.post(
        url("organisation-create", network), {"name": "Ministry A", "type": "government"}
    )
    assert response.status_code == 200
    assert "The network already has an organisation of this name." in response.content.decode()
    assert Organisation.objects.filter(name="Ministry A").count() == 1


def test_an_organisation_cannot_be_placed_under_its_own_department(
    client, network, coordinator, org_a
):
    department = OrganisationFactory(network=network, name="Dept", parent=org_a)
    client.force_login(coordinator)
    data = {"name": "Ministry A", "type": "government", "parent": department.pk}
    response = client.post(url("organisation-edit", network, organisation_pk=org_a.pk), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()  # not offered in the list
    assert department.pk not in [c[0] for c in response.context["form"].fields["parent"].choices]
    org_a.refresh_from_db()
    assert org_a.parent is None
    with pytest.raises(Exception, match="cannot be part of itself or of one of its departments"):
        services.organisation_update(organisation=org_a, by=coordinator, parent=department)


def test_the_parent_must_belong_to_the_same_network(network, coordinator, other_org):
    with pytest.raises(Exception, match="same network"):
        services.organisation_create(
            network=network,
            by=coordinator,
            name="X",
            type="government",
            parent=other_org,
        )


def test_focal_point_cannot_add_an_organisation(client, network, focal_a):
    client.force_login(focal_a)
    response = client.post(
        url("organisation-create", network), {"name": "New", "type": "government"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="New").exists()


def test_organisation_detail_lists_its_focal_points_and_departments(
    client, network, consultant, focal_a, org_a
):
    OrganisationFactory(network=network, name="Department of Data", parent=org_a)
    client.force_login(consultant)
    content = client.get(org_a.get_absolute_url()).content.decode()
    assert str(focal_a) in content
    assert "Department of Data" in content


def test_organisation_history_shows_who_changed_what(client, network, coordinator, org_a):
    client.force_login(coordinator)
    client.post(
        url("organisation-edit", network, organisation_pk=org_a.pk),
        {"name": "Ministry A", "acronym": "MIN-A", "type": "government"},
    )
    content = client.get(
        url("organisation-history", network, organisation_pk=org_a.pk)
    ).content.decode()
    assert "MIN-A" in content
    assert str(coordinator) in content


# People and roles


def test_member_list_groups_people_by_role(client, network, personas):
    client.force_login(personas["focal_a"])
    response = client.get(url("member-list", network))
    groups = {
        label: [m.user.username for m in members]
        for label, members, _total, _role in response.context["groups"]
    }
    assert groups == {
        "Coordinators": ["coord"],
        "Consultants": ["consult"],
        "Focal points": ["focal-a", "focal-b"],
        "Observers": ["obs"],
    }


def test_member_list_does_a_fixed_number_of_queries(
    client, network, coordinator, org_a, django_assert_max_num_queries
):
    from gcmhub.tests.factories import MembershipFactory

    client.force_login(coordinator)
    MembershipFactory.create_batch(3, network=network, role=Role.FOCAL_POINT, organisation=org_a)
    with django_assert_max_num_queries(12) as small:
        client.get(url("member-list", network))
    MembershipFactory.create_batch(30, network=network, role=Role.FOCAL_POINT, organisation=org_a)
    InvitationFactory.create_batch(5, network=network, organisation=org_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("member-list", network))


def test_a_role_with_many_people_shows_the_first_and_all_of_them_a_page_at_a_time(
    client, network, coordinator, org_a, monkeypatch
):
    from gcmhub.directory import views
    from gcmhub.tests.factories import MembershipFactory, UserFactory

    monkeypatch.setattr(views, "MEMBERS_SHOWN", 3)
    for n in range(7):
        user = UserFactory(first_name="Focal", last_name=f"Person {n}")
        MembershipFactory(network=network, user=user, role=Role.FOCAL_POINT, organisation=org_a)
    client.force_login(coordinator)
    page = client.get(url("member-list", network)).content.decode()
    assert 'Focal points <span class="count">7</span>' in page
    assert [f"Person {n}" in page for n in range(7)] == [True] * 3 + [False] * 4
    link = f'<a href="?role={Role.FOCAL_POINT}">Show all 7<span class="visually-hidden">'
    assert f"{link} · Focal points</span> →</a>" in page
    assert "the first 3 are shown" in page
    everyone = client.get(url("member-list", network), {"role": Role.FOCAL_POINT})
    second = client.get(url("member-list", network), {"role": Role.FOCAL_POINT, "page": 2})
    assert "Page 1 of 3" in everyone.content.decode()
    assert [f"Person {n}" in second.content.decode() for n in range(7)] == [False] * 3 + [
        True
    ] * 3 + [False]
    assert "Coordinators" not in second.content.decode()


def test_coordinator_changes_a_persons_role(client, network, coordinator, focal_a, org_a):
    membership = focal_a.memberships.get()
    client.force_login(coordinator)
    data = {"role": Role.CONSULTANT, "organisation": "", "position": "Analyst", "is_active": "on"}
    response = client.post(url("member-edit", network, membership_pk=membership.pk), data)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.position) == (Role.CONSULTANT, "Analyst")


def test_a_focal_point_needs_an_organisation(client, network, coordinator, consultant):
    membership = consultant.memberships.get()
    client.force_login(coordinator)
    data = {"role": Role.FOCAL_POINT, "organisation": "", "is_active": "on"}
    response = client.post(url("member-edit", network, membership_pk=membership.pk), data)
    assert response.status_code == 200
    assert "Choose the organisation this focal point speaks for." in response.content.decode()


def test_the_last_coordinator_cannot_step_down(client, network, coordinator):
    membership = coordinator.memberships.get()
    client.force_login(coordinator)
    data = {"role": Role.OBSERVER, "organisation": "", "is_active": "on"}
    response = client.post(url("member-edit", network, membership_pk=membership.pk), data)
    assert response.status_code == 200
    assert "A network needs at least one active coordinator." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_removing_a_member_keeps_them_as_a_former_member(client, network, coordinator, observer):
    membership = observer.memberships.get()
    client.force_login(coordinator)
    data = {"role": Role.OBSERVER, "organisation": ""}  # "active" unticked
    client.post(url("member-edit", network, membership_pk=membership.pk), data)
    response = client.get(url("member-list", network))
    assert list(response.context["former"]) == [membership]


def test_focal_point_cannot_change_roles(client, network, focal_a, focal_b):
    membership = focal_b.memberships.get()
    client.force_login(focal_a)
    response = client.post(
        url("member-edit", network, membership_pk=membership.pk),
        {"role": Role.COORDINATOR, "is_active": "on"},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.FOCAL_POINT


# Invitations


def test_coordinator_invites_a_focal_point_who_gets_an_email_in_their_language(
    client, network, coordinator, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    data = {
        "email": "new@example.org",
        "full_name": "Deniz Er",
        "role": Role.FOCAL_POINT,
        "organisation": org_a.pk,
        "language": "tr",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("invitation-create", network), data)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert invitation.invited_by == coordinator
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new@example.org"]
    assert "/accounts/invitations/" in message.body
    assert "Sayın Deniz Er" in message.body  # written in the invitee's language, Turkish
    assert "davet ediyor" in message.body
    assert "Odak noktası olarak davet edildiniz" in message.body


def test_an_invitation_for_a_focal_point_needs_an_organisation(
    client, network, coordinator, mailoutbox
):
    client.force_login(coordinator)
    data = {
        "email": "new@example.org",
        "role": Role.FOCAL_POINT,
        "organisation": "",
        "language": "en",
    }
    response = client.post(url("invitation-create", network), data)
    assert response.status_code == 200
    assert "Choose the organisation this focal point speaks for." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_a_current_member_is_refused(client, network, coordinator, focal_a):
    client.force_login(coordinator)
    data = {"email": focal_a.email, "role": Role.OBSERVER, "language": "en"}
    response = client.post(url("invitation-create", network), data)
    assert "already a member of the network" in response.content.decode()


def test_focal_point_cannot_invite(client, network, focal_a):
    client.force_login(focal_a)
    data = {"email": "x@example.org", "role": Role.COORDINATOR, "language": "en"}
    assert client.post(url("invitation-create", network), data).status_code == 403
    assert not Invitation.objects.exists()


def test_a_new_person_accepts_an_invitation_by_creating_an_account(client, network, org_a, cycle):
    invitation = InvitationFactory(
        network=network, role=Role.FOCAL_POINT, organisation=org_a, email="deniz@example.org"
    )
    link = reverse("invitation-accept", args=[services.invitation_token(invitation)])
    assert "deniz@example.org" in client.get(link).content.decode()
    data = {
        "first_name": "Deniz",
        "last_name": "Er",
        "username": "deniz",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
    }
    response = client.post(link, data)
    assert response["Location"] == network.get_absolute_url()
    membership = Membership.objects.get(user__username="deniz")
    assert (membership.network, membership.role, membership.organisation) == (
        network,
        Role.FOCAL_POINT,
        org_a,
    )
    assert membership.user.email == "deniz@example.org"
    invitation.refresh_from_db()
    assert invitation.accepted_by == membership.user
    assert client.get(network.get_absolute_url()).status_code == 200  # signed in


def test_an_invitation_link_works_only_once(client, network, org_a):
    invitation = InvitationFactory(network=network)
    link = reverse("invitation-accept", args=[services.invitation_token(invitation)])
    services.invitation_accept(invitation=invitation, user=UserFactory())
    response = client.get(link)
    assert response.status_code == 410
    assert "It has already been accepted." in response.content.decode()


def test_a_forged_invitation_link_is_refused(client, db):
    response = client.get(reverse("invitation-accept", args=["not-a-real-token"]))
    assert response.status_code == 410
    assert "The link is incomplete or has expired." in response.content.decode()


def test_an_expired_invitation_link_is_refused(client, network, settings):
    invitation = InvitationFactory(network=network)
    token = services.invitation_token(invitation)
    settings.INVITATION_MAX_AGE_DAYS = -1
    assert client.get(reverse("invitation-accept", args=[token])).status_code == 410


def test_a_signed_in_person_accepts_with_their_account(client, network, other_network, outsider):
    invitation = InvitationFactory(network=network, role=Role.OBSERVER, email=outsider.email)
    client.force_login(outsider)
    link = reverse("invitation-accept", args=[services.invitation_token(invitation)])
    response = client.post(link)
    assert response["Location"] == network.get_absolute_url()
    assert outsider.memberships.filter(network=network, role=Role.OBSERVER).exists()


def test_a_weak_password_is_refused_and_nothing_is_created(client, network):
    invitation = InvitationFactory(network=network)
    link = reverse("invitation-accept", args=[services.invitation_token(invitation)])
    data = {
        "first_name": "A",
        "last_name": "B",
        "username": "ab",
        "password1": "123",
        "password2": "123",
    }
    response = client.post(link, data)
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert not Membership.objects.filter(user__username="ab").exists()


def test_coordinator_withdraws_an_invitation(client, network, coordinator):
    invitation = InvitationFactory(network=network)
    client.force_login(coordinator)
    client.post(url("invitation-revoke", network, invitation_pk=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    link = reverse("invitation-accept", args=[services.invitation_token(invitation)])
    assert "It was withdrawn" in client.get(link).content.decode()


def test_coordinator_sends_an_invitation_again(
    client, network, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(network=network)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invitation-resend", network, invitation_pk=invitation.pk))
    assert [m.to for m in mailoutbox] == [[invitation.email]]


def test_focal_point_cannot_withdraw_an_invitation(client, network, focal_a):
    invitation = InvitationFactory(network=network)
    client.force_login(focal_a)
    assert (
        client.post(url("invitation-revoke", network, invitation_pk=invitation.pk)).status_code
        == 403
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_another_networks_invitation_cannot_be_withdrawn(
    client, network, coordinator, other_network
):
    invitation = InvitationFactory(network=other_network)
    client.force_login(coordinator)
    assert (
        client.post(url("invitation-revoke", network, invitation_pk=invitation.pk)).status_code
        == 404
    )


# Set-up stage


def test_setup_page_lists_organisations_without_a_focal_point(
    client, network, cycle, coordinator, focal_a, org_b
):
    client.force_login(coordinator)
    response = client.get(
        reverse("cycle-setup", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})
    )
    assert response.context["facts"]["without_focal_point"] == 1
    rows = {o.name: [m.user for m in o.focal_point_list] for o in response.context["organisations"]}
    assert rows == {"Agency B": [], "Ministry A": [focal_a]}


def test_setup_page_shows_the_organisations_a_page_at_a_time_with_their_focal_points(
    client, network, cycle, coordinator, focal_a, org_b, monkeypatch
):
    from gcmhub.directory import views

    monkeypatch.setattr(views, "ORGANISATIONS_PER_PAGE", 1)
    client.force_login(coordinator)
    page = reverse("cycle-setup", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})
    first = client.get(page).content.decode()
    # The counts are the network's, whatever the page.
    assert "2 organisations; 1 without a focal point." in first
    assert "Agency B" in first and "Ministry A" not in first and "Page 1 of 2" in first
    second = client.get(page, {"page": 2}).content.decode()
    assert "Ministry A" in second and "Agency B" not in second
    assert str(focal_a) in second


def test_organisation_page_keeps_its_queries_however_deep_and_wide_the_tree(
    client, network, coordinator, org_a, django_assert_max_num_queries
):
    department = OrganisationFactory(network=network, name="Department", parent=org_a)
    OrganisationFactory(network=network, name="Unit 0", parent=department)
    client.force_login(coordinator)
    page = url("organisation-detail", network, organisation_pk=department.pk)
    with django_assert_max_num_queries(14) as small:
        response = client.get(page)
    assert [a.name for a in response.context["ancestors"]] == ["Ministry A"]
    # Deeper above it, wider below it.
    top = OrganisationFactory(network=network, name="Presidency")
    middle = OrganisationFactory(network=network, name="Directorate", parent=top)
    org_a.parent = middle
    org_a.save()
    OrganisationFactory.create_batch(6, network=network, parent=department)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(page)
    content = response.content.decode()
    assert [a.name for a in response.context["ancestors"]] == [
        "Presidency",
        "Directorate",
        "Ministry A",
    ]
    assert f'<a href="{top.get_absolute_url()}">' in content
    assert len(response.context["children"]) == 7
    for child in response.context["children"]:
        assert f'<a href="{child.get_absolute_url()}">{child.label}</a>' in content


def test_organisation_list_shows_the_tree_a_page_at_a_time(
    client, network, focal_a, org_a, monkeypatch
):
    from gcmhub.directory import views

    monkeypatch.setattr(views, "ORGANISATIONS_PER_PAGE", 2)
    OrganisationFactory(network=network, name="Department of Data", parent=org_a)
    OrganisationFactory(network=network, name="Zeta Office")
    client.force_login(focal_a)
    first = client.get(url("organisation-list", network))
    second = client.get(url("organisation-list", network), {"page": 2})
    assert [o.name for o in first.context["organisations"]] == ["Ministry A", "Department of Data"]
    assert [o.name for o in second.context["organisations"]] == ["Zeta Office"]
    for response in [first, second]:
        assert "3 organisations" in response.content.decode()
    assert 'href="?page=2"' in first.content.decode()
