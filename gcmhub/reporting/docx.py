"""Word rendering of a document's content (a version's or the live draft's).

Built from a Word template (reporting/word/document.docx, or the DOCX_TEMPLATE setting) whose
styles, title page, header and footer a country office can restyle; the body is written with
the template's styles: headings, numbered tables and figures, lists, notes.
"""

import io
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate

from gcmhub.reporting import charts
from gcmhub.reporting.narrative import write_docx

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "word" / "document.docx"


def template_path() -> Path:
    return Path(getattr(settings, "DOCX_TEMPLATE", "") or DEFAULT_TEMPLATE)


def add_table(container, header, rows, *, font_size: float | None = None, widths_cm=None):
    """A grid table with a bold header row: the one way documents write a table. `widths_cm`
    sizes the columns (Word and LibreOffice both need the grid and every cell set)."""
    table = container.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        table.cell(0, c).paragraphs[0].add_run(str(text)).bold = True
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = "" if value is None else str(value)
    if widths_cm:
        table.autofit = False
        widths = [Cm(w) for w in widths_cm]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths, strict=True):
                cell.width = width
    if font_size:
        for table_row in table.rows:
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(font_size)
    return table


class _Body:
    def __init__(self, subdoc):
        self.doc = subdoc
        self.tables = 0
        self.figures = 0

    def heading(self, text, level):
        self.doc.add_heading(text, level=level)

    def paragraph(self, text, style=None):
        paragraph = self.doc.add_paragraph(text)
        if style:
            paragraph.style = style
        return paragraph

    def caption(self, kind, text):
        if kind == "table":
            self.tables += 1
            label = _("Table %(number)d: %(caption)s") % {"number": self.tables, "caption": text}
        else:
            self.figures += 1
            label = _("Figure %(number)d: %(caption)s") % {"number": self.figures, "caption": text}
        self.paragraph(label, "Caption")

    def table(self, header, rows, caption):
        self.caption("table", caption)
        add_table(self.doc, header, rows)
        self.doc.add_paragraph()

    def narrative(self, html):
        notes: list[str] = []
        write_docx(self.doc, html, notes=notes)
        if notes:
            self.paragraph(_("Notes"), "Heading 3")
            for number, note in enumerate(notes, start=1):
                self.paragraph(f"{number}. {note}")


def render_docx(
    content: dict, *, version_line: str, content_hash: str, annexes: list[dict] = ()
) -> bytes:
    """Render `content` (see documents.content) to a .docx file, then the `annexes` (heading,
    intro, title, header, rows) each on a new page, numbered after the sections."""
    with translation.override(content["language"]):
        template = DocxTemplate(str(template_path()))
        body = _Body(template.new_subdoc())
        for section in content["sections"]:
            body.heading(f"{section['number']}. {section['title']}", 1)
            if section.get("html"):
                body.narrative(section["html"])
            writer = WRITERS.get(section["kind"])
            if writer is not None:
                writer(body, section)
            _blocks(body, section)
        for number, annex in enumerate(annexes, start=len(content["sections"]) + 1):
            body.doc.add_page_break()
            body.heading(f"{number}. {annex['heading']}", 1)
            body.paragraph(annex["intro"])
            if annex["rows"]:
                body.table(annex["header"], annex["rows"], annex["title"])
            else:
                body.paragraph(annex["empty"])
        template.render(
            {
                **content,
                "version_line": version_line,
                "hash": content_hash,
                "toc_hint": _("Open in Word and update the table of contents (F9)."),
                "body": body.doc,
            },
            # The text is plain: "&" or "<" in a title must stay text in the file's XML.
            autoescape=True,
        )
        buffer = io.BytesIO()
        template.save(buffer)
    return buffer.getvalue()


def _findings(body: _Body, section: dict) -> None:
    labels = section["labels"]
    for line in section.get("intro", []):
        body.paragraph(line)
    for objective in section["objectives"]:
        body.heading(f"{objective['number']}. {objective['title']}", 2)
        if objective["synthesis"]:
            for line in objective["synthesis"].split("\n"):
                if line.strip():
                    body.paragraph(line)
        if objective.get("gap"):
            body.paragraph(labels["gap"])
        if objective.get("needs"):
            body.table(
                [labels["need_type"], labels["organisations"], labels["count"]],
                objective["needs"],
                objective["needs_caption"],
            )
        if objective.get("positions"):
            body.heading(labels["positions"], 3)
        for position in objective.get("positions", []):
            paragraph = body.paragraph("", "List Bullet")
            paragraph.add_run(position["organisation"]).bold = True
            text = " ".join(t for t in (position["text"], position["proposes"]) if t)
            if text:
                paragraph.add_run(f": {text}")
        # A version issued before the findings were compact carries the full inputs.
        _inputs(body, objective.get("inputs", []), labels)
        cited = f"{objective.get('sources', '')} {objective['cited']}".strip()
        if cited:
            body.paragraph(cited)
    if section.get("gaps"):
        body.heading(labels["gaps"], 2)
        for line in section["gaps"]:  # "3. Provide accurate ...": numbered already
            body.paragraph(line)


def _inputs(body: _Body, inputs: list[dict], labels: dict) -> None:
    """Inputs in full, as the organisations wrote them (the compendium)."""
    for item in inputs:
        body.paragraph(item["organisation"], "Heading 4")
        if item["situation"]:
            body.paragraph(f"{labels['situation']}: {item['situation']}")
        if item["gaps"]:
            body.paragraph(f"{labels['gaps']}: {item['gaps']}")
        for need_type, description in item["needs"]:
            body.paragraph(f"{need_type}: {description}", "List Bullet")
        for number, (description, horizon, lead) in enumerate(item["actions"], start=1):
            extra = f", {lead}" if lead else ""
            body.paragraph(f"{number}. {description} ({horizon}{extra})", "List Paragraph")


def _compendium(body: _Body, section: dict) -> None:
    labels = section["labels"]
    body.paragraph(labels["intro"])
    for objective in section["objectives"]:
        body.heading(f"{objective['number']}. {objective['title']}", 2)
        _inputs(body, objective["inputs"], labels)


def _priorities(body: _Body, section: dict) -> None:
    labels = section["labels"]
    for group in section["groups"]:
        body.heading(group["title"], 2)
        if not group["rows"]:
            body.paragraph(labels["none"])
            continue
        body.table(
            [
                labels["objective"],
                labels["rank"],
                labels["outcomes"],
                labels["lead"],
                labels["rationale"],
            ],
            [
                [
                    r["objective"],
                    r["rank"] or "—",
                    ", ".join(r["outcomes"]),
                    ", ".join(r["lead"]),
                    r["rationale"],
                ]
                for r in group["rows"]
            ],
            group["title"],
        )
    chart = section["chart"]
    if chart["points"]:
        figure = charts.priority_matrix_figure(
            chart["points"],
            x_label=chart["x_label"],
            y_label=chart["y_label"],
            quadrants=chart["quadrants"],
        )
        body.doc.add_picture(io.BytesIO(charts.to_png(figure, dpi=150)), width=Cm(15))
        body.caption("figure", chart["title"])


def _alignment(body: _Body, section: dict) -> None:
    labels = section["labels"]
    body.table(
        [labels["outcome"], labels["objectives"]],
        [
            [f"{code} {statement}", ", ".join(map(str, numbers)) or "—"]
            for code, statement, numbers in section["outcomes"]
        ],
        labels["outcomes_caption"],
    )
    if section["targets"]:
        body.table(
            [labels["target"], labels["objectives"]],
            [[code, ", ".join(map(str, numbers))] for code, numbers in section["targets"]],
            labels["targets_caption"],
        )


def _recommendations(body: _Body, section: dict) -> None:
    for item in section["items"]:
        body.paragraph(f"{item['number']}. {item['text']}", "Heading 3")
        if item["basis"]:
            body.paragraph(item["basis"])


def _consultations(body: _Body, section: dict) -> None:
    labels = section["labels"]
    body.table(
        [
            labels["date"],
            labels["type"],
            labels["title"],
            labels["organisations"],
            labels["participants"],
        ],
        [[d, t, title, orgs, "; ".join(people)] for d, t, title, orgs, people in section["rows"]],
        labels["caption"],
    )


def _scoring(body: _Body, section: dict) -> None:
    labels = section["labels"]
    for line in section["method"]:
        body.paragraph(line)
    body.table(
        [labels["criterion"], labels["weight"], labels["question"], labels["scale"]],
        [
            [
                name,
                weight,
                question,
                " / ".join(f"{n}: {t}" for n, t in enumerate(anchors, start=1) if t),
            ]
            for name, weight, question, anchors in section["criteria"]
        ],
        labels["criteria_caption"],
    )
    if section["ranking"]:
        body.table(
            [
                labels["rank"],
                labels["objective"],
                labels["mean"],
                labels["spread"],
                labels["organisations"],
            ],
            section["ranking"],
            labels["ranking_caption"],
        )


def _blocks(body: _Body, section: dict) -> None:
    """Data sections of other apps, as generic blocks (see documents.content)."""
    for block in section.get("blocks", []):
        if block.get("heading"):
            body.heading(block["heading"], 2)
        for text in block.get("paragraphs", []):
            body.paragraph(text)
        for item in block.get("items", []):
            body.paragraph(item, "List Bullet")
        table = block.get("table")
        if table:
            body.table(table["header"], table["rows"], table["caption"])


WRITERS = {
    "findings": _findings,
    "priorities": _priorities,
    "alignment": _alignment,
    "recommendations": _recommendations,
    "consultations": _consultations,
    "scoring": _scoring,
    "compendium": _compendium,
}
