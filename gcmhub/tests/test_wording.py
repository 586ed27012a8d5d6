"""Turkish that reads as a ministry writes it (issue 15): a person answers an invitation in
the first person, an organisation endorses as an act, and the words that mean different things
stay different."""

from django.utils import translation

from gcmhub.documents.forms import EndorsementForm
from gcmhub.meetings.forms import ReplyForm


def _labels(form, name) -> list[str]:
    return [str(label) for _value, label in form.fields[name].choices]


def test_an_invitation_is_answered_in_the_first_person():
    with translation.override("tr"):
        labels = _labels(ReplyForm(), "reply")
    assert labels == ["Katılacağım", "Katılamayacağım", "Yerime temsilci göndereceğim"]


def test_an_endorsement_is_given_as_an_act():
    with translation.override("tr"):
        labels = _labels(EndorsementForm(), "response")
    assert labels == ["Onaylıyoruz", "Çekinceyle onaylıyoruz", "Onaylamıyoruz"]


def test_issued_published_hash_sop_and_check_in_have_their_own_words():
    with translation.override("tr"):
        words = {
            "issued": translation.gettext("Version %(number)s has been issued.")
            % {"number": "1.0"},
            "published": translation.gettext("Publish at a public link"),
            "hash": translation.gettext("Content hash (SHA-256)"),
            "sop": translation.gettext("New SOP rule"),
            "check-in": translation.gettext("Check-in"),
        }
    assert words == {
        "issued": "Sürüm 1.0 çıkarıldı.",
        "published": "Herkese açık bağlantıyla yayımla",
        "hash": "Doğrulama kodu (SHA-256)",
        "sop": "Yeni SOP kuralı",
        "check-in": "Yoklama",
    }
