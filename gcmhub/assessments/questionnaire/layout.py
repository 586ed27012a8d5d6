"""What the questionnaire's builder and its reader share: the format, the places of the
answers on an objective's sheet, the labels and the choice lists."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

FORMAT = "gcmhub-questionnaire"
FORMAT_VERSION = 1
META_SHEET = "gcmhub"
LISTS_SHEET = "lists"
SIGNING_SALT = "gcmhub.assessments.questionnaire"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ROWS = 10  # rows offered for needs, proposed actions and references
TITLE_LIMIT = 300
URL_LIMIT = 500

INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
LABEL_FILL = PatternFill("solid", fgColor="E7F0F8")
HEADER_FONT = Font(bold=True)


@dataclass(frozen=True)
class Layout:
    language: int = 4
    situation: int = 5
    gaps: int = 6
    needs_title: int = 8
    needs_first: int = 10
    actions_title: int = 21
    actions_first: int = 23
    gcm_title: int = 34
    gcm_first: int = 36
    gcm_count: int = 0

    @property
    def principles_title(self) -> int:
        return self.gcm_first + self.gcm_count + 1

    @property
    def principles_first(self) -> int:
        return self.principles_title + 2

    @property
    def references_title(self) -> int:
        return self.principles_first + 10 + 1

    @property
    def references_first(self) -> int:
        return self.references_title + 2


def layout(action_count: int) -> Layout:
    return Layout(gcm_count=action_count)


def field_labels() -> dict:
    """Every label and choice of the questionnaire, in the active language."""
    return {
        "objective": _("Objective"),
        "instructions": _("Instructions"),
        "language": _("Language of your answers"),
        "situation": _("Situation and achievements"),
        "gaps": _("Gaps and challenges"),
        "needs": _("Needs"),
        "need_type": _("Type of need"),
        "description": _("Description"),
        "actions": _("Proposed actions"),
        "action": _("Proposed action"),
        "horizon": _("Suggested horizon"),
        "lead": _("Suggested lead organisation"),
        "gcm": _("GCM actions this input relates to"),
        "related": _("Related?"),
        "principles": _("Guiding principles this input reflects"),
        "reflected": _("Reflected?"),
        "references": _("References: policies, laws, programmes, data sources"),
        "kind": _("Kind"),
        "title": _("Title"),
        "link": _("Link"),
        "yes": _("Yes"),
        "no": _("No"),
    }


def choice_values(enum) -> dict[str, str]:
    return {str(label): value for value, label in enum.choices}


def principle_label(index: int) -> str:
    """What column A shows for the guiding principle at `index` (0-based, in their order): its
    number, as a GCM action shows its letter; never the internal key."""
    return f"({index + 1})"


def sheet_title(number: int) -> str:
    return f"{_('Objective')} {number}"
