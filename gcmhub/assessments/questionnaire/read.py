"""Read an uploaded questionnaire back, naming every problem with its place."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gcmhub.assessments.models import (
    SHORT_TEXT_LIMIT,
    TEXT_LIMIT,
    NeedType,
    ReferenceKind,
    TextLanguage,
)
from gcmhub.assessments.questionnaire.layout import (
    FORMAT,
    FORMAT_VERSION,
    MAX_UPLOAD_BYTES,
    META_SHEET,
    ROWS,
    SIGNING_SALT,
    TITLE_LIMIT,
    URL_LIMIT,
    choice_values,
    field_labels,
    layout,
    principle_label,
    sheet_title,
)
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Horizon


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def where(self) -> str:
        if self.row and self.column:
            return _("sheet “%(sheet)s”, cell %(cell)s") % {
                "sheet": self.sheet,
                "cell": f"{self.column}{self.row}",
            }
        if self.sheet:
            return _("sheet “%(sheet)s”") % {"sheet": self.sheet}
        return _("the file")


class Reader:
    """Read one uploaded questionnaire; collect every problem instead of stopping at the first."""

    def __init__(self, *, cycle, organisation, file_name: str, data: bytes):
        self.cycle = cycle
        self.organisation = organisation
        self.file_name = file_name
        self.data = data
        self.problems: list[Problem] = []

    def problem(self, message, sheet="", row=None, column=None) -> None:
        self.problems.append(Problem(sheet, row, column, message))

    def read(self) -> dict | None:
        """Return the file's content as plain data, or None (see `problems`)."""
        if len(self.data) > MAX_UPLOAD_BYTES:
            self.problem(
                _("The file is larger than %(size)d MB; a questionnaire is much smaller.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
            return None
        if not self.file_name.lower().endswith(".xlsx") or not zipfile.is_zipfile(
            io.BytesIO(self.data)
        ):
            self.problem(
                _(
                    "This is not an Excel .xlsx file. Upload the questionnaire downloaded from "
                    "gcmhub."
                )
            )
            return None
        try:
            wb = load_workbook(io.BytesIO(self.data), data_only=False)
        except Exception:  # openpyxl raises many kinds for a damaged file
            self.problem(_("The file cannot be read as an Excel workbook; it may be damaged."))
            return None
        identity = self._identity(wb)
        if identity is None:
            return None
        with translation.override(identity["language"]):
            inputs = self._objectives(wb, identity)
        if self.problems:
            return None
        return {
            "language": identity["language"],
            "made_at": identity["made_at"],
            "inputs": inputs,
        }

    def _identity(self, wb) -> dict | None:
        if META_SHEET not in wb.sheetnames:
            self.problem(
                _(
                    "This file is not a gcmhub questionnaire (its identity sheet is missing). "
                    "Download the questionnaire again."
                )
            )
            return None
        value = wb[META_SHEET]["A1"].value
        try:
            identity = signing.loads(str(value), salt=SIGNING_SALT)
        except signing.BadSignature:
            self.problem(
                _(
                    "The identity of this questionnaire has been altered; gcmhub cannot trust it. "
                    "Download it again."
                )
            )
            return None
        if identity.get("format") != FORMAT or identity.get("format_version") != FORMAT_VERSION:
            self.problem(
                _("This questionnaire was made with another version of gcmhub. Download it again.")
            )
            return None
        if identity.get("cycle") != self.cycle.pk:
            self.problem(_("This questionnaire belongs to another cycle."))
            return None
        if identity.get("organisation") != self.organisation.pk:
            self.problem(
                _(
                    "This questionnaire belongs to another organisation; upload it under that "
                    "organisation."
                )
            )
            return None
        if identity.get("language") not in dict(settings.LANGUAGES):
            self.problem(_("This questionnaire names an unknown language."))
            return None
        return identity

    def _objectives(self, wb, identity) -> list[dict]:
        from gcmhub.framework.models import GuidingPrinciple, Objective

        numbers = sorted(int(n) for n in identity["versions"])
        objectives = {
            o.number: o
            for o in Objective.objects.filter(number__in=numbers).prefetch_related("actions")
        }
        principles = list(GuidingPrinciple.objects.order_by("order"))
        organisations = {o.label: o.pk for o in self.cycle.network.organisations.all()}
        result = []
        for number in numbers:
            title = sheet_title(number)
            if title not in wb.sheetnames:
                self.problem(
                    _("The sheet of objective %(number)d is missing.") % {"number": number}, title
                )
                continue
            content = SheetReader(
                self, wb[title], objectives[number], principles, organisations
            ).read()
            if content is not None:
                result.append(
                    {
                        "objective": number,
                        "version_at_download": identity["versions"][str(number)],
                        "content": content,
                    }
                )
        return result


class SheetReader:
    def __init__(self, reader: Reader, ws, objective, principles, organisations):
        self.reader = reader
        self.ws = ws
        self.objective = objective
        self.actions = list(objective.actions.all())
        self.principles = principles
        self.organisations = organisations
        self.at = layout(len(self.actions))
        self.labels = field_labels()
        self.ok = True
        self.bad_rows: set[int] = set()

    def problem(self, row, column, message) -> None:
        self.ok = False
        self.bad_rows.add(row)
        self.reader.problem(message, self.ws.title, row, column)

    def value(self, column: str, row: int, *, limit: int) -> str:
        cell = self.ws[f"{column}{row}"]
        if cell.data_type == "f":
            self.problem(row, column, _("This cell holds a formula; type the text itself."))
            return ""
        if cell.value is None:
            return ""
        text = str(cell.value).strip()
        if len(text) > limit:
            self.problem(
                row,
                column,
                _("The text is %(length)d characters long; at most %(limit)d are allowed.")
                % {"length": len(text), "limit": limit},
            )
        return text

    def choice(self, column: str, row: int, choices: dict[str, object], what: str):
        text = self.value(column, row, limit=300)
        if not text:
            return None
        if text not in choices:
            self.problem(
                row,
                column,
                _("“%(value)s” is not a valid %(what)s; choose one from the list.")
                % {"value": text, "what": what},
            )
            return None
        return choices[text]

    def expect(self, column: str, row: int, label: str) -> None:
        if str(self.ws[f"{column}{row}"].value or "").strip() != str(label):
            self.problem(
                row,
                column,
                _(
                    "This cell should read “%(label)s”: rows or columns seem to have been added "
                    "or removed. Use the questionnaire as downloaded."
                )
                % {"label": label},
            )

    def read(self) -> dict | None:
        at, labels = self.at, self.labels
        for column, row, key in [
            ("A", at.language, "language"),
            ("A", at.situation, "situation"),
            ("A", at.gaps, "gaps"),
            ("A", at.needs_title, "needs"),
            ("A", at.actions_title, "actions"),
            ("A", at.gcm_title, "gcm"),
            ("A", at.principles_title, "principles"),
            ("A", at.references_title, "references"),
        ]:
            self.expect(column, row, labels[key])
        if not self.ok:
            return None
        yes = {str(labels["yes"]): True, str(labels["no"]): False}
        # Read in the questionnaire's language: a cell left empty means that language.
        language = (
            self.choice("B", at.language, choice_values(TextLanguage), _("language"))
            or current_language()
        )
        content = {
            "language": language,
            "situation": self.value("B", at.situation, limit=TEXT_LIMIT),
            "gaps": self.value("B", at.gaps, limit=TEXT_LIMIT),
            "needs": [],
            "proposed_actions": [],
            "references": [],
            "gcm_actions": [],
            "principles": [],
        }
        for i in range(ROWS):
            row = at.needs_first + i
            kind = self.choice("B", row, choice_values(NeedType), _("type of need"))
            description = self.value("C", row, limit=SHORT_TEXT_LIMIT)
            if row in self.bad_rows:
                continue
            if description and not kind:
                if self.ws[f"B{row}"].value in (None, ""):
                    self.problem(row, "B", _("Choose the type of this need."))
            elif kind and not description:
                self.problem(row, "C", _("Describe this need."))
            elif kind and description:
                content["needs"].append({"type": kind, "description": description})
        for i in range(ROWS):
            row = at.actions_first + i
            description = self.value("B", row, limit=SHORT_TEXT_LIMIT)
            horizon = self.choice("C", row, choice_values(Horizon), _("horizon"))
            lead = self.choice("D", row, self.organisations, _("organisation"))
            if row in self.bad_rows:
                continue
            if description and not horizon and self.ws[f"C{row}"].value in (None, ""):
                self.problem(row, "C", _("Choose a horizon for this action."))
            elif (horizon or lead) and not description:
                self.problem(row, "B", _("Describe this proposed action."))
            elif description and horizon:
                content["proposed_actions"].append(
                    {"description": description, "horizon": horizon, "lead": lead}
                )
        for i, action in enumerate(self.actions):
            row = at.gcm_first + i
            self.expect("A", row, f"({action.letter})")
            if self.choice("C", row, yes, _("answer")):
                content["gcm_actions"].append(action.letter)
        for i, principle in enumerate(self.principles):
            row = at.principles_first + i
            # Files made before the principles were numbered show the key there instead.
            if str(self.ws[f"A{row}"].value or "").strip() != principle.key:
                self.expect("A", row, principle_label(i))
            if self.choice("C", row, yes, _("answer")):
                content["principles"].append(principle.key)
        for i in range(ROWS):
            row = at.references_first + i
            kind = self.choice("B", row, choice_values(ReferenceKind), _("kind of reference"))
            title = self.value("C", row, limit=TITLE_LIMIT)
            url = self.value("D", row, limit=URL_LIMIT)
            if url and not url.startswith(("http://", "https://")):
                self.problem(row, "D", _("A link starts with http:// or https://."))
            if row in self.bad_rows:
                continue
            if (kind or url) and not title:
                self.problem(row, "C", _("Give the title of this reference."))
            elif title and not kind and self.ws[f"B{row}"].value in (None, ""):
                self.problem(row, "B", _("Choose the kind of this reference."))
            elif title and kind:
                content["references"].append({"kind": kind, "title": title, "url": url})
        return content if self.ok else None
