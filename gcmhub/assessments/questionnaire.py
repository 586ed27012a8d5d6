"""The offline Excel questionnaire: built per organisation, read back with every problem named.

One sheet per objective the organisation is asked about, at fixed places computed by `layout`
(the builder and the reader share it), an instructions sheet, a hidden sheet of choice lists,
and a very hidden, signed identity sheet (cycle, organisation, language, and the version of
each input when the file was made: an input changed on the web since is a conflict).
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from gcmhub.assessments.models import (
    SHORT_TEXT_LIMIT,
    TEXT_LIMIT,
    InputLanguage,
    NeedType,
    ReferenceKind,
)
from gcmhub.core.models import Horizon

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


def _labels() -> dict:
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


def _choices(enum) -> dict[str, str]:
    return {str(label): value for value, label in enum.choices}


def sheet_title(number: int) -> str:
    return f"{_('Objective')} {number}"


def _text(ws, coordinate: str, value, *, editable: bool = False, bold: bool = False) -> None:
    """Write a value as text: never as a formula, whatever it starts with (injection-safe)."""
    cell = ws[coordinate]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if editable:
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        cell.border = None
    else:
        cell.fill = LABEL_FILL
    if bold:
        cell.font = HEADER_FONT


def build_questionnaire(*, cycle, organisation, language: str) -> bytes:
    """Make the questionnaire of `organisation` for `cycle`, pre-filled with its current inputs."""
    from gcmhub.assessments.selectors import collection_for_cycle
    from gcmhub.assessments.services import input_content
    from gcmhub.framework.models import GuidingPrinciple

    with translation.override(language):
        labels = _labels()
        assignments = list(
            cycle.assignments.filter(organisation=organisation)
            .select_related("objective")
            .prefetch_related("objective__actions")
            .order_by("objective__number")
        )
        inputs = {
            i.objective_id: i
            for i in cycle.inputs.filter(organisation=organisation).prefetch_related(
                "needs",
                "proposed_actions",
                "references",
                "gcm_actions",
                "principles",
                "consultations",
            )
        }
        principles = list(GuidingPrinciple.objects.order_by("order"))
        organisations = list(cycle.network.organisations.order_by("name"))
        org_labels = {o.pk: o.label for o in organisations}
        collection = collection_for_cycle(cycle)

        wb = Workbook()
        intro = wb.active
        intro.title = labels["instructions"]
        _instructions(intro, cycle, organisation, collection, assignments, labels)

        lists = wb.create_sheet(LISTS_SHEET)
        list_values = {
            "A": [str(label) for _value, label in InputLanguage.choices],
            "B": [str(label) for _value, label in NeedType.choices],
            "C": [str(label) for _value, label in Horizon.choices],
            "D": [org_labels[o.pk] for o in organisations],
            "E": [labels["yes"], labels["no"]],
            "F": [str(label) for _value, label in ReferenceKind.choices],
        }
        for column, values in list_values.items():
            for row, value in enumerate(values, start=1):
                _text(lists, f"{column}{row}", value)
        lists.sheet_state = "hidden"

        def ref(column):
            return f"{LISTS_SHEET}!${column}$1:${column}${max(1, len(list_values[column]))}"

        versions = {}
        for assignment in assignments:
            objective = assignment.objective
            input = inputs.get(objective.pk)
            versions[str(objective.number)] = input.version if input else 0
            content = input_content(input) if input else None
            _objective_sheet(
                wb.create_sheet(sheet_title(objective.number)),
                objective,
                content,
                labels,
                principles,
                org_labels,
                ref,
            )

        meta = wb.create_sheet(META_SHEET)
        identity = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "cycle": cycle.pk,
            "organisation": organisation.pk,
            "language": language,
            "made_at": timezone.now().isoformat(timespec="seconds"),
            "versions": versions,
        }
        meta["A1"] = signing.dumps(identity, salt=SIGNING_SALT)
        meta["A1"].data_type = "s"
        meta.sheet_state = "veryHidden"

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _instructions(ws, cycle, organisation, collection, assignments, labels) -> None:
    ws.column_dimensions["A"].width = 110
    lines = [
        (_("Needs assessment questionnaire"), True),
        (f"{cycle.display_title} · {organisation.label}", False),
        (
            _("Deadline: %(date)s") % {"date": collection.deadline.strftime("%d.%m.%Y")}
            if collection.deadline
            else "",
            False,
        ),
        ("", False),
        (_("How to answer"), True),
        (
            _(
                "There is one sheet for each GCM objective your organisation is asked about. "
                "Type your answers in the white cells; choose from the lists where a cell "
                "offers one."
            ),
            False,
        ),
        (
            _(
                "Describe the situation and achievements, then the gaps and challenges. List "
                "the needs (one a row, with its type), the actions you propose (with a horizon "
                "and, if you can, a lead organisation), the GCM actions and guiding principles "
                "your answer concerns, and your references."
            ),
            False,
        ),
        (
            _(
                "Do not add, remove or rename sheets, rows or columns, and do not type formulas: "
                "gcmhub reads the answers from their places and refuses a changed file."
            ),
            False,
        ),
        (
            _(
                "When you are done, your organisation's focal point uploads this file on the "
                "Needs assessment page of gcmhub, checks the preview and applies it."
            ),
            False,
        ),
        ("", False),
        (_("Objectives in this questionnaire"), True),
    ]
    lines += [(f"{a.objective.number}. {a.objective.title}", False) for a in assignments]
    if collection.instructions:
        lines += [
            ("", False),
            (_("Note from the coordinator"), True),
            (collection.instructions, False),
        ]
    for row, (text, bold) in enumerate(lines, start=1):
        _text(ws, f"A{row}", text, bold=bold)
    ws.protection.sheet = True


def _objective_sheet(ws, objective, content, labels, principles, org_labels, ref) -> None:
    at = layout(len(objective.actions.all()))
    for column, width in {"A": 34, "B": 60, "C": 60, "D": 40, "E": 12}.items():
        ws.column_dimensions[column].width = width
    ws.merge_cells("A1:E1")
    _text(ws, "A1", f"{labels['objective']} {objective.number}: {objective.title}", bold=True)
    ws.row_dimensions[1].height = 32

    language_dv = DataValidation(type="list", formula1=f"={ref('A')}", allow_blank=False)
    need_dv = DataValidation(type="list", formula1=f"={ref('B')}", allow_blank=True)
    horizon_dv = DataValidation(type="list", formula1=f"={ref('C')}", allow_blank=True)
    lead_dv = DataValidation(type="list", formula1=f"={ref('D')}", allow_blank=True)
    yes_dv = DataValidation(type="list", formula1=f"={ref('E')}", allow_blank=True)
    kind_dv = DataValidation(type="list", formula1=f"={ref('F')}", allow_blank=True)
    for dv in (language_dv, need_dv, horizon_dv, lead_dv, yes_dv, kind_dv):
        dv.error = _("Choose a value from the list.")
        dv.showErrorMessage = True
        ws.add_data_validation(dv)

    language_label = dict(InputLanguage.choices).get(content.language if content else "en")
    _text(ws, f"A{at.language}", labels["language"], bold=True)
    _text(ws, f"B{at.language}", str(language_label), editable=True)
    language_dv.add(f"B{at.language}")
    for row, key in ((at.situation, "situation"), (at.gaps, "gaps")):
        _text(ws, f"A{row}", labels[key], bold=True)
        ws.merge_cells(f"B{row}:E{row}")
        _text(ws, f"B{row}", getattr(content, key) if content else "", editable=True)
        ws.row_dimensions[row].height = 150

    _text(ws, f"A{at.needs_title}", labels["needs"], bold=True)
    _text(ws, f"B{at.needs_title + 1}", labels["need_type"], bold=True)
    _text(ws, f"C{at.needs_title + 1}", labels["description"], bold=True)
    needs = content.needs if content else []
    types = dict(NeedType.choices)
    for i in range(ROWS):
        row = at.needs_first + i
        need = needs[i] if i < len(needs) else None
        _text(ws, f"B{row}", str(types[need["type"]]) if need else None, editable=True)
        _text(ws, f"C{row}", need["description"] if need else None, editable=True)
        need_dv.add(f"B{row}")

    _text(ws, f"A{at.actions_title}", labels["actions"], bold=True)
    _text(ws, f"B{at.actions_title + 1}", labels["action"], bold=True)
    _text(ws, f"C{at.actions_title + 1}", labels["horizon"], bold=True)
    _text(ws, f"D{at.actions_title + 1}", labels["lead"], bold=True)
    actions = content.proposed_actions if content else []
    horizons = dict(Horizon.choices)
    for i in range(ROWS):
        row = at.actions_first + i
        action = actions[i] if i < len(actions) else None
        _text(ws, f"B{row}", action["description"] if action else None, editable=True)
        _text(ws, f"C{row}", str(horizons[action["horizon"]]) if action else None, editable=True)
        lead = org_labels.get(action["lead"]) if action and action.get("lead") else None
        _text(ws, f"D{row}", lead, editable=True)
        horizon_dv.add(f"C{row}")
        lead_dv.add(f"D{row}")

    _text(ws, f"A{at.gcm_title}", labels["gcm"], bold=True)
    _text(ws, f"C{at.gcm_title + 1}", labels["related"], bold=True)
    chosen = set(content.gcm_actions) if content else set()
    for i, action in enumerate(objective.actions.all()):
        row = at.gcm_first + i
        _text(ws, f"A{row}", f"({action.letter})")
        _text(ws, f"B{row}", action.gist)
        _text(ws, f"C{row}", labels["yes"] if action.letter in chosen else None, editable=True)
        yes_dv.add(f"C{row}")

    _text(ws, f"A{at.principles_title}", labels["principles"], bold=True)
    _text(ws, f"C{at.principles_title + 1}", labels["reflected"], bold=True)
    reflected = set(content.principles) if content else set()
    for i, principle in enumerate(principles):
        row = at.principles_first + i
        _text(ws, f"A{row}", principle.key)
        _text(ws, f"B{row}", principle.name)
        _text(ws, f"C{row}", labels["yes"] if principle.key in reflected else None, editable=True)
        yes_dv.add(f"C{row}")

    _text(ws, f"A{at.references_title}", labels["references"], bold=True)
    _text(ws, f"B{at.references_title + 1}", labels["kind"], bold=True)
    _text(ws, f"C{at.references_title + 1}", labels["title"], bold=True)
    _text(ws, f"D{at.references_title + 1}", labels["link"], bold=True)
    references = content.references if content else []
    kinds = dict(ReferenceKind.choices)
    for i in range(ROWS):
        row = at.references_first + i
        reference = references[i] if i < len(references) else None
        _text(ws, f"B{row}", str(kinds[reference["kind"]]) if reference else None, editable=True)
        _text(ws, f"C{row}", reference["title"] if reference else None, editable=True)
        _text(ws, f"D{row}", reference["url"] if reference else None, editable=True)
        kind_dv.add(f"B{row}")
    ws.protection.sheet = True
    ws.freeze_panes = "B2"


# Reading a questionnaire back


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
        self.labels = _labels()
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
        language = self.choice("B", at.language, _choices(InputLanguage), _("language")) or "en"
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
            kind = self.choice("B", row, _choices(NeedType), _("type of need"))
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
            horizon = self.choice("C", row, _choices(Horizon), _("horizon"))
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
            self.expect("A", row, principle.key)
            if self.choice("C", row, yes, _("answer")):
                content["principles"].append(principle.key)
        for i in range(ROWS):
            row = at.references_first + i
            kind = self.choice("B", row, _choices(ReferenceKind), _("kind of reference"))
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
