from django.conf import settings
from django.urls import reverse

from gcmhub.core.models import Cycle
from gcmhub.tests.factories import NetworkFactory

CYCLE_DATA = {
    "title": "GCM review 2025",
    "title_tr": "GCM değerlendirmesi 2025",
    "country": "TR",
    "start_date": "2025-01-01",
    "end_date": "2026-05-31",
    "short_term_until": "2026-05-01",
    "short_term_note": "IMRF 2026",
    "medium_term_until": "2028-12-31",
    "medium_term_note": "",
    "long_term_until": "2030-12-31",
    "long_term_note": "",
}


def test_home_takes_a_member_to_my_tasks_and_the_networks_stay_listed(client, cycle, focal_a):
    client.force_login(focal_a)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("task-list")
    page = client.get(response["Location"]).content.decode()
    assert "My tasks" in page
    assert reverse("network-list") in page
    assert cycle.network.name in client.get(reverse("network-list")).content.decode()


def test_home_explains_what_to_do_to_someone_without_a_network(client, db):
    from gcmhub.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "You are not a member of any network yet" in response.content.decode()


def test_network_list_shows_only_my_networks(client, network, other_network, focal_a):
    client.force_login(focal_a)
    content = client.get(reverse("network-list")).content.decode()
    assert network.name in content
    assert other_network.name not in content


def test_cycle_home_shows_horizons_and_the_setup_stage(client, cycle, coordinator, org_a):
    client.force_login(coordinator)
    response = client.get(cycle.get_absolute_url())
    content = response.content.decode()
    assert "Horizons" in content
    assert "Set-up" in content
    assert "1 organisation, 1 without a focal point." in content
    assert "In progress" in content


def test_cycle_home_does_a_fixed_number_of_queries(
    client, cycle, coordinator, django_assert_max_num_queries
):
    from gcmhub.tests.factories import OrganisationFactory

    client.force_login(coordinator)
    OrganisationFactory.create_batch(3, network=cycle.network)
    # 27 with the count of unread notifications in the header (issue 16)
    with django_assert_max_num_queries(27) as small:
        client.get(cycle.get_absolute_url())
    OrganisationFactory.create_batch(30, network=cycle.network)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(cycle.get_absolute_url())


def test_coordinator_creates_a_cycle(client, network, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("cycle-create", kwargs={"network_slug": network.slug}), CYCLE_DATA
    )
    cycle = Cycle.objects.get(title="GCM review 2025")
    assert response["Location"] == cycle.get_absolute_url()
    assert cycle.network == network
    assert cycle.history.get().history_user == coordinator


def test_cycle_horizons_out_of_order_are_refused_with_a_message(client, network, coordinator):
    client.force_login(coordinator)
    data = {**CYCLE_DATA, "medium_term_until": "2026-01-01"}
    response = client.post(reverse("cycle-create", kwargs={"network_slug": network.slug}), data)
    assert response.status_code == 200
    assert "The medium term must end on or after the short term." in response.content.decode()
    assert not Cycle.objects.filter(title="GCM review 2025").exists()


def test_focal_point_cannot_create_a_cycle(client, network, focal_a):
    client.force_login(focal_a)
    response = client.post(
        reverse("cycle-create", kwargs={"network_slug": network.slug}), CYCLE_DATA
    )
    assert response.status_code == 403
    assert not Cycle.objects.filter(title="GCM review 2025").exists()


def test_coordinator_edits_a_cycle_and_sees_the_change_in_its_history(client, cycle, coordinator):
    client.force_login(coordinator)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    client.post(reverse("cycle-edit", kwargs=kwargs), {**CYCLE_DATA, "title": "Renamed cycle"})
    cycle.refresh_from_db()
    assert cycle.title == "Renamed cycle"
    content = client.get(reverse("cycle-history", kwargs=kwargs)).content.decode()
    assert "Renamed cycle" in content
    assert str(coordinator) in content


def test_observer_cannot_edit_a_cycle(client, cycle, observer):
    client.force_login(observer)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    response = client.post(reverse("cycle-edit", kwargs=kwargs), {**CYCLE_DATA, "title": "X"})
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.title != "X"


def test_switching_language_sets_the_cookie_and_remembers_it_for_emails(client, focal_a):
    client.force_login(focal_a)
    response = client.post(reverse("language-set"), {"language": "tr", "next": "/framework/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    focal_a.refresh_from_db()
    assert focal_a.language == "tr"
    content = client.get(reverse("objective-list")).content.decode()
    assert '<html lang="tr">' in content
    assert "Küresel Göç Mutabakatının 23 hedefi" in content


def test_anonymous_visitor_can_switch_the_language_of_the_sign_in_page(client, db):
    response = client.post(reverse("language-set"), {"language": "tr", "next": "/accounts/login/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    assert '<html lang="tr">' in client.get(reverse("login")).content.decode()


def test_profile_saves_name_email_and_language(client, focal_a):
    client.force_login(focal_a)
    data = {
        "first_name": "Ayşe",
        "last_name": "Yıldız",
        "email": "ayse@example.org",
        "language": "tr",
    }
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302
    focal_a.refresh_from_db()
    assert (focal_a.get_full_name(), focal_a.language) == ("Ayşe Yıldız", "tr")


def test_profile_refuses_an_invalid_email(client, focal_a):
    client.force_login(focal_a)
    data = {"first_name": "A", "last_name": "B", "email": "not-an-address", "language": "en"}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_sign_in_with_the_right_password_opens_the_workspace(client, focal_a, cycle):
    from gcmhub.tests.factories import PASSWORD

    response = client.post(reverse("login"), {"username": "focal-a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("task-list")


def test_sign_in_with_a_wrong_password_says_so(client, focal_a):
    response = client.post(reverse("login"), {"username": "focal-a", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_reset_sends_a_link(client, focal_a, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": focal_a.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body
    assert f"Your username is {focal_a.username}." in mailoutbox[0].body


def test_unknown_page_answers_404_in_the_layout(client, focal_a):
    client.force_login(focal_a)
    response = client.get("/networks/nowhere/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_network_names_follow_the_interface_language(client, focal_a, network):
    network.name_tr = "Alfa ağı"
    network.save()
    client.force_login(focal_a)
    client.post(reverse("language-set"), {"language": "tr", "next": "/"})
    assert "Alfa ağı" in client.get(network.get_absolute_url()).content.decode()


def test_other_network_is_not_listed_in_the_switcher(client, focal_a, cycle, other_network):
    NetworkFactory(name="Gamma network")
    client.force_login(focal_a)
    content = client.get(cycle.get_absolute_url()).content.decode()
    assert "Alpha network" in content
    assert other_network.name not in content
    assert "Gamma network" not in content


def test_turkish_lists_follow_the_turkish_alphabet(client, network, focal_a):
    from gcmhub.tests.factories import OrganisationFactory

    for name in [
        "Uluslararası Göç Örgütü",
        "Çalışma Bakanlığı",
        "İçişleri Bakanlığı",
        "Cumhurbaşkanlığı",
    ]:
        OrganisationFactory(network=network, name=name, name_tr=name)
    client.force_login(focal_a)
    client.post(reverse("language-set"), {"language": "tr", "next": "/"})
    response = client.get(reverse("organisation-list", kwargs={"network_slug": network.slug}))
    names = [o.display_name for o in response.context["organisations"] if o.name_tr]
    assert names == [
        "Cumhurbaşkanlığı",
        "Çalışma Bakanlığı",
        "İçişleri Bakanlığı",
        "Uluslararası Göç Örgütü",
    ]


def test_english_dates_are_written_day_month_year(client, cycle, focal_a):
    client.force_login(focal_a)
    content = client.get(cycle.get_absolute_url()).content.decode()
    assert "until 17 May 2022" in content


def test_a_person_who_prefers_turkish_gets_turkish_on_a_new_computer(client, cycle, focal_a):
    focal_a.language = "tr"
    focal_a.save()
    client.force_login(focal_a)
    content = client.get(cycle.get_absolute_url()).content.decode()
    assert '<html lang="tr">' in content
    assert "Döngünün aşamaları" in content


def test_search_ignores_turkish_case_and_diacritics(client, network, focal_a):
    from gcmhub.tests.factories import OrganisationFactory

    OrganisationFactory(network=network, name="Ministry of Interior", name_tr="İçişleri Bakanlığı")
    client.force_login(focal_a)
    url = reverse("organisation-list", kwargs={"network_slug": network.slug})
    for query in ["içişleri", "İÇİŞLERİ", "icisleri", "BAKANLIĞI"]:
        names = [o.name for o in client.get(url, {"q": query}).context["organisations"]]
        assert names == ["Ministry of Interior"], query


def test_history_leaves_out_saves_that_changed_nothing(client, cycle, coordinator):
    from gcmhub.core.services import cycle_update

    cycle_update(cycle=cycle, by=coordinator, title=cycle.title)
    cycle_update(cycle=cycle, by=coordinator, title="New title")
    client.force_login(coordinator)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    rows = client.get(reverse("cycle-history", kwargs=kwargs)).context["rows"]
    assert [row["type"] for row in rows] == ["Changed", "Created"]
