"""The history page reads changes of many-to-many fields (actions, principles) by name."""

from django.urls import reverse

from gcmhub.assessments import services
from gcmhub.assessments.tests.test_services import content


def test_history_names_the_actions_and_principles_a_save_changed(client, draft, focal_a):
    services.input_save(input=draft, by=focal_a, content=content(), expected_version=1)
    services.input_save(
        input=draft,
        by=focal_a,
        content=content(gcm_actions=["b"], principles=["gender_responsive"]),
        expected_version=2,
    )
    client.force_login(focal_a)
    url = reverse(
        "input-history",
        kwargs={"network_slug": "alpha", "cycle_pk": draft.cycle_id, "input_pk": draft.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    action_b = draft.objective.actions.get(letter="b")
    assert str(action_b) in page
    assert "Gender-responsive" in page
