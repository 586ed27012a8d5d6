"""Build an organisation's questionnaire, pre-filled with its current inputs."""

import io

from django.core import signing
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from gcmhub.assessments.content import input_content
from gcmhub.assessments.models import (
    NeedType,
    ReferenceKind,
    TextLanguage,
)
from gcmhub.assessments.questionnaire.layout import (
    FORMAT,
    FORMAT_VERSION,
    HEADER_FONT,
    INPUT_FILL,
    LABEL_FILL,
    LISTS_SHEET,
    META_SHEET,
    ROWS,
    SIGNING_SALT,
    field_labels,
    layout,
    principle_label,
    sheet_title,
)
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Horizon
from gcmhub.editions.texts import edition, language_name
from gcmhub.reporting.xlsx import fit_height, print_setup


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
    from gcmhub.framework.models import GuidingPrinciple

    with translation.override(language):
        labels = field_labels()
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
            "A": [str(label) for _value, label in TextLanguage.choices],
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
    ws.column_dimensions["A"].width = 80  # within a portrait A4 page, whatever the font
    lines = [
        (_("Needs assessment questionnaire"), True),
        (f"{cycle.display_title} · {organisation.label}", False),
        (
            _("Deadline: %(date)s")
            % {"date": formats.date_format(collection.deadline, "DATE_FORMAT")}
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
        note = edition(collection, "instructions", current_language())
        lines += [
            ("", False),
            (_("Note from the coordinator"), True),
            (note.text, False),
        ]
        names = {
            "language": language_name(note.original_language),
            "wanted": language_name(note.wanted),
        }
        if note.missing:
            mark = _("Original in %(language)s, not yet translated into %(wanted)s")
            lines.append((mark % names, False))
        elif note.stale:
            mark = _("Translation out of date: the %(language)s original changed after it")
            lines.append((mark % names, False))
    for row, (text, bold) in enumerate(lines, start=1):
        _text(ws, f"A{row}", text, bold=bold)
        fit_height(ws, row)
    print_setup(ws, landscape=False)
    ws.protection.sheet = True


# The columns of an objective's sheet: labels, then answers; together one landscape A4 page wide.
COLUMN_WIDTHS = {"A": 30, "B": 55, "C": 45, "D": 32, "E": 10}


def _objective_sheet(ws, objective, content, labels, principles, org_labels, ref) -> None:
    at = layout(len(objective.actions.all()))
    for column, width in COLUMN_WIDTHS.items():
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

    # A sheet not written yet offers the questionnaire's language (the one it is built in).
    written = content is not None and content.written
    language_label = dict(TextLanguage.choices).get(
        content.language if written else current_language()
    )
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
        fit_height(ws, row)

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
        fit_height(ws, row)

    _text(ws, f"A{at.gcm_title}", labels["gcm"], bold=True)
    _text(ws, f"C{at.gcm_title + 1}", labels["related"], bold=True)
    chosen = set(content.gcm_actions) if content else set()
    for i, action in enumerate(objective.actions.all()):
        row = at.gcm_first + i
        _text(ws, f"A{row}", f"({action.letter})")
        _text(ws, f"B{row}", action.gist)
        _text(ws, f"C{row}", labels["yes"] if action.letter in chosen else None, editable=True)
        yes_dv.add(f"C{row}")
        fit_height(ws, row)

    _text(ws, f"A{at.principles_title}", labels["principles"], bold=True)
    _text(ws, f"C{at.principles_title + 1}", labels["reflected"], bold=True)
    reflected = set(content.principles) if content else set()
    for i, principle in enumerate(principles):
        row = at.principles_first + i
        _text(ws, f"A{row}", principle_label(i))
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
        fit_height(ws, row)
    for row in (at.situation, at.gaps):  # merged over B:E, 150 points at least
        fit_height(ws, row, widths={"B": sum(COLUMN_WIDTHS[c] for c in "BCDE")})
    ws.protection.sheet = True
    # The objective's title on every printed page; on screen it and the labels stay in view.
    print_setup(ws, header_rows=1, header_columns=1)


# Reading a questionnaire back
