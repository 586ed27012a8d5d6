"""Word rendering of a document's content (a version's or the live draft's).

Built from a Word template (reporting/word/document.docx, or the DOCX_TEMPLATE setting) whose
styles, title page, header and footer a country office can restyle; the body is written with
the template's styles: headings, numbered tables and figures, lists, notes.

What makes the file one a ministry can send as it is: tables whose columns fit the text block
and follow their content, header rows repeated on every page and rows that do not split,
headings and captions kept with what follows, landscape pages for wide tables, a contents page
already filled with the headings (Word refreshes the page numbers), a title page with the
logos, a colophon with the version and its hash, "page N of M" and the document's language on
its styles so that Word checks the spelling in that language.
"""

import copy
import io
import logging
import re
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from lxml import etree

from gcmhub.reporting import charts
from gcmhub.reporting.narrative import write_docx

logger = logging.getLogger(__name__)
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "word" / "document.docx"

LANGUAGE_TAGS = {"en": "en-GB", "tr": "tr-TR"}
"""The language tag Word's spelling checker reads, for each language of gcmhub."""

WIDE_TABLE = 7
"""A table with this many columns or more goes on a landscape page."""

TWIP = 635  # EMU in a twentieth of a point, the unit of Word's table widths
CELL_PADDING = 2 * 108  # Word's default left and right cell margins, in twips
WORD_EM = 0.7  # the width of a character of a long word, in ems (wide fonts such as DejaVu too)
TEXT_EM = 0.58  # the width of an average character of running text, in ems
LONGEST_WORD = 20  # characters: a longer "word" (an address) may wrap inside its column
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def template_path() -> Path:
    return Path(getattr(settings, "DOCX_TEMPLATE", "") or DEFAULT_TEMPLATE)


def language_tag(language: str) -> str:
    return LANGUAGE_TAGS.get(language, language)


def _w(parent, tag: str, **attrs):
    """A child element `w:tag` with `w:` attributes, appended to `parent`."""
    element = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


# Language, page numbers and the text block


def set_language(doc, language: str) -> None:
    """Mark the document's text as `language` (tr-TR, en-GB) for Word's spelling checker: the
    default run properties and every style that names a language of its own."""
    tag = language_tag(language)
    styles = doc.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        r_pr = defaults.find(qn("w:rPrDefault"))
        if r_pr is None:
            r_pr = _w(defaults, "rPrDefault")
        r_pr = _w(r_pr, "rPr")
    for lang in [r_pr.find(qn("w:lang")), *styles.iter(qn("w:lang"))]:
        if lang is not None:
            lang.set(qn("w:val"), tag)
    if r_pr.find(qn("w:lang")) is None:
        _w(r_pr, "lang", val=tag)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)


def page_of_pages(language: str) -> tuple[str, str, str]:
    """The words around the page number and the number of pages, in `language`:
    ("Page ", " of ", "") in English."""
    with translation.override(language):
        sentence = _("Page %(page)s of %(pages)s")
    before, rest = sentence.split("%(page)s", 1)
    between, after = rest.split("%(pages)s", 1)
    return before, between, after


def add_field(paragraph, instruction: str, placeholder: str = "", *, dirty: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC...) with `placeholder` as its shown result."""
    p = paragraph._p
    run = _w(p, "r")
    begin = _w(run, "fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    instr = _w(_w(p, "r"), "instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    _w(_w(p, "r"), "fldChar", fldCharType="separate")
    text = _w(_w(p, "r"), "t")
    text.text = placeholder
    _w(_w(p, "r"), "fldChar", fldCharType="end")


def page_footer(paragraph, language: str) -> None:
    """ "Page N of M" in `language`, N and M computed by Word and LibreOffice."""
    before, between, after = page_of_pages(language)
    if before:
        paragraph.add_run(before)
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(between)
    add_field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)


def text_width(section) -> int:
    """The width of the text block of `section`, in EMU."""
    return section.page_width - section.left_margin - section.right_margin


def plain_document(language: str, *, landscape: bool = False):
    """A Word document for the smaller files (minutes, briefs, matrices): A4, the template's
    margins, the language on its styles, headings and captions kept with what follows and
    "page N of M" in the footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    set_language(doc, language)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption"):
        doc.styles[name].paragraph_format.keep_with_next = True
    footer = section.footer.paragraphs[0]
    page_footer(footer, language)
    for run in footer.runs:
        run.font.size = Pt(8)
    return doc


def save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# Tables


def _lines(value) -> list[str]:
    text = "" if value is None else _NOT_XML.sub("", str(value))
    return text.split("\n")


def _measure(header, rows) -> tuple[list[int], list[int]]:
    """Per column: the longest word and the longest line, in characters."""
    columns = len(header)
    words = [0] * columns
    lines = [0] * columns
    for n, row in enumerate([header, *rows]):
        bold = 1.15 if n == 0 else 1  # the header row is bold: wider letters
        for c, value in enumerate(list(row)[:columns]):
            for line in _lines(value):
                lines[c] = max(lines[c], round(len(line) * bold))
                for word in line.split():
                    words[c] = max(words[c], round(min(len(word), LONGEST_WORD) * bold))
    return words, lines


def column_widths(header, rows, total: int, *, font_size: float = 11) -> list[int]:
    """Column widths (twips) that add up to `total` and follow the content, as a browser lays
    out a table: a column whose text fits in its share gets the width of its text (numbers,
    short names: narrow, on one line); the others are at least as wide as their longest word
    (no word splits, "Cooperatio/n") and share the rest by how much text they hold."""
    words, lines = _measure(header, rows)
    least = [max(w, 3) * font_size * 20 * WORD_EM + CELL_PADDING for w in words]
    wanted = [
        max(n * font_size * 20 * TEXT_EM + CELL_PADDING, x)
        for n, x in zip(lines, least, strict=True)
    ]
    widths = [0.0] * len(header)
    open_columns = set(range(len(header)))
    room = total
    while open_columns:
        share = room / len(open_columns)
        fitting = {c for c in open_columns if wanted[c] <= share}
        if not fitting:
            break
        for c in fitting:
            widths[c] = wanted[c]
            room -= wanted[c]
        open_columns -= fitting
    if open_columns:
        floor = sum(least[c] for c in open_columns)
        if floor >= room:
            for c in open_columns:
                widths[c] = least[c] * room / floor
        else:
            flex = {c: wanted[c] - least[c] for c in open_columns}
            total_flex = sum(flex.values()) or 1
            for c in open_columns:
                widths[c] = least[c] + (room - floor) * flex[c] / total_flex
    else:
        scale = total / sum(widths)
        widths = [w * scale for w in widths]
    result = [int(w) for w in widths]
    result[-1] += total - sum(result)
    return result


def needs_landscape(header, rows, total: int, *, font_size: float = 11) -> bool:
    """Whether a table is too wide for a portrait page: many columns, or words that do not fit."""
    if len(header) >= WIDE_TABLE:
        return True
    words, _lines_ = _measure(header, rows)
    return sum(max(w, 3) * font_size * 20 * WORD_EM + CELL_PADDING for w in words) > total


def _cell_xml(lines, width: int, run_pr: str) -> str:
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    text = f"<w:r>{run_pr}{runs}</w:r>" if lines != [""] else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f"</w:pPr>{text}</w:p></w:tc>"
    )


def _rows_xml(header, rows, widths, size: int | None) -> str:
    """The rows of a table as WordprocessingML, written in one pass and parsed once."""
    columns = len(widths)
    size_pr = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    header_pr = f"<w:rPr><w:b/>{size_pr}</w:rPr>"
    body_pr = f"<w:rPr>{size_pr}</w:rPr>" if size else ""
    parts = [f'<w:tbl xmlns:w="{W_NS}">']
    for n, row in enumerate([header, *rows]):
        values = list(row)[:columns]
        values += [""] * (columns - len(values))
        row_pr = "<w:cantSplit/><w:tblHeader/>" if n == 0 else "<w:cantSplit/>"
        run_pr = header_pr if n == 0 else body_pr
        cells = "".join(
            _cell_xml(_lines(value), w, run_pr) for value, w in zip(values, widths, strict=True)
        )
        parts.append(f"<w:tr><w:trPr>{row_pr}</w:trPr>{cells}</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def add_table(
    container,
    header,
    rows,
    *,
    font_size: float | None = None,
    widths_cm=None,
    width: int | None = None,
    style=None,
):
    """A grid table with a bold header row: the one way documents write a table.

    The columns fill the text block (`width` in EMU, by default the container's) and follow
    their content unless `widths_cm` sets them; the header row repeats on every page and no
    row splits across pages. The rows are written as XML in one pass and parsed once: python-docx's
    `table.cell(r, c)` rebuilds the table's grid on every call.
    """
    columns = len(header)
    if width is None:
        width = getattr(container, "_block_width", None) or Cm(16.6)
    total = int(width) // TWIP
    if widths_cm:
        widths = [int(Cm(w)) // TWIP for w in widths_cm]
    else:
        widths = column_widths(header, rows, total, font_size=font_size or 11)
    table = container.add_table(rows=0, cols=columns)
    tbl = table._tbl
    if style is None:
        style = _style(container, "Table Grid")
    if style is not None:
        tbl.tblPr.style = style.style_id
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = _w(tbl_pr, "tblW")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    table.autofit = False  # a fixed layout: Word and LibreOffice keep the widths
    for grid_col, w in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.set(qn("w:w"), str(w))
    size = int(font_size * 2) if font_size else None
    tbl.extend(parse_xml(_rows_xml(header, rows, widths, size)).findall(qn("w:tr")))
    return table


def set_style(paragraph, style) -> None:
    """Give `paragraph` the style object `style` by its id: python-docx's `paragraph.style = `
    compares the style with the default one, a scan of every style on every paragraph."""
    paragraph._p.style = style.style_id


def _style(container, name):
    """The style object `name` of the container's document, or None if a restyled template
    has none of that name."""
    try:
        return container.part.styles[name]
    except (KeyError, AttributeError):
        return None


# The body of a document


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _keeps_with_next(element) -> bool:
    p_pr = element.find(qn("w:pPr")) if element.tag == qn("w:p") else None
    return p_pr is not None and p_pr.find(qn("w:keepNext")) is not None


class _Body:
    """What the section writers write into: the body subdocument of the template, with the
    template's styles looked up once, the tables and figures numbered, the headings collected
    for the contents page."""

    def __init__(self, subdoc, *, section=None):
        self.doc = subdoc
        self.tables = 0
        self.figures = 0
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark)
        self._styles: dict = {}
        self._after_table = False
        self._page_break = False
        self._section = section  # the template's section properties (w:sectPr), if any
        self._landscapes = 0
        self.width = text_width(section) if section is not None else Cm(16.6)

    def style(self, name):
        if name not in self._styles:
            self._styles[name] = _style(self.doc, name)
        return self._styles[name]

    def _add(self, text="", style=None):
        paragraph = self.doc.add_paragraph(text)
        style_object = self.style(style) if style else None
        if style_object is not None:
            set_style(paragraph, style_object)
        if self._after_table:
            paragraph.paragraph_format.space_before = Pt(10)
            self._after_table = False
        if self._page_break:
            paragraph.paragraph_format.page_break_before = True
            self._page_break = False
        return paragraph

    def page_break(self) -> None:
        """Start what follows on a new page (the next paragraph says so: no empty paragraph
        that could make a blank page)."""
        self._page_break = True

    def heading(self, text, level):
        paragraph = self._add(text, f"Heading {level}")
        _keep_with_next(paragraph)
        if level <= 2:
            bookmark = f"_Toc_gcmhub_{len(self.headings) + 1}"
            number = str(len(self.headings) + 1)
            p = paragraph._p
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), number)
            start.set(qn("w:name"), bookmark)
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), number)
            if p.pPr is not None:
                p.pPr.addnext(start)
            else:
                p.insert(0, start)
            p.append(end)
            self.headings.append((level, text, bookmark))
        return paragraph

    def paragraph(self, text, style=None):
        return self._add(text, style)

    def caption(self, kind, text):
        if kind == "table":
            self.tables += 1
            label = _("Table %(number)d: %(caption)s") % {"number": self.tables, "caption": text}
        else:
            self.figures += 1
            label = _("Figure %(number)d: %(caption)s") % {"number": self.figures, "caption": text}
        paragraph = self.paragraph(label, "Caption")
        if kind == "table":
            _keep_with_next(paragraph)  # a table's caption stands above it
        return paragraph

    def table(self, header, rows, caption, *, font_size: float | None = None):
        size = font_size or (9 if len(header) >= 4 else 10)
        wide = needs_landscape(header, rows, int(self.width) // TWIP, font_size=size or 11)
        if wide and self._section is not None:
            self._landscape_begin()
        self.caption("table", caption)
        width = self._landscape_width() if wide and self._section is not None else self.width
        grid = self.style("Table Grid")
        add_table(self.doc, header, rows, font_size=size, width=width, style=grid)
        self._after_table = True
        if wide and self._section is not None:
            self._landscape_end()

    # Landscape pages: a section of their own. A section's properties are written in its last
    # paragraph; the document's last section keeps the template's (w:body/w:sectPr).

    def _section_properties(self, *, landscape: bool):
        sect_pr = copy.deepcopy(self._section._sectPr)
        if self._landscapes:
            # Only the document's first section has the title page (no header on page 1).
            for title_pg in sect_pr.findall(qn("w:titlePg")):
                sect_pr.remove(title_pg)
        if landscape:
            pg_sz = sect_pr.find(qn("w:pgSz"))
            w, h = pg_sz.get(qn("w:w")), pg_sz.get(qn("w:h"))
            pg_sz.set(qn("w:w"), h)
            pg_sz.set(qn("w:h"), w)
            pg_sz.set(qn("w:orient"), "landscape")
        return sect_pr

    def _landscape_width(self):
        s = self._section
        return s.page_height - s.top_margin - s.bottom_margin

    def _closing_paragraph(self, *, keep_headings: bool):
        """The paragraph that ends the section so far: the last one of the body, or a new
        hair-thin one where the body ends with a table (so that it makes no page of its own).
        With `keep_headings`, the headings just written go with what follows, to the next
        section."""
        body = self.doc.element.body
        last = body[-1] if len(body) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last = last.getprevious()
        while keep_headings and last is not None and _keeps_with_next(last):
            last = last.getprevious()
        if last is not None and last.tag == qn("w:p") and last.pPr is not None:
            if last.pPr.find(qn("w:sectPr")) is None:
                return last
        elif last is not None and last.tag == qn("w:p"):
            return last
        p = OxmlElement("w:p")
        p_pr = _w(p, "pPr")
        _w(p_pr, "spacing", before=0, after=0, line=20, lineRule="exact")
        _w(_w(p_pr, "rPr"), "sz", val=2)
        if last is None:
            body.insert(0, p)
        else:
            last.addnext(p)
        return p

    def _landscape_begin(self):
        p = self._closing_paragraph(keep_headings=True)
        p.get_or_add_pPr().append(self._section_properties(landscape=False))
        self._landscapes += 1
        self._page_break = False  # the new section starts on a new page

    def _landscape_end(self):
        p = self._closing_paragraph(keep_headings=False)
        p.get_or_add_pPr().append(self._section_properties(landscape=True))
        self._after_table = False

    def finish(self) -> None:
        """After the last section: the template's final section has lost its title page if
        landscape sections came before it."""
        if self._landscapes and self._section is not None:
            for title_pg in self._section._sectPr.findall(qn("w:titlePg")):
                self._section._sectPr.remove(title_pg)

    def narrative(self, html):
        notes: list[str] = []
        self._after_table = False
        write_docx(self.doc, html, notes=notes)
        if notes:
            self.paragraph(_("Notes"), "Heading 3")
            for number, note in enumerate(notes, start=1):
                self.paragraph(f"{number}. {note}")


def _contents(subdoc, headings, styles) -> None:
    """The contents page, written out: one entry per heading (levels 1 and 2), linked to it,
    inside a TOC field so that Word adds the page numbers when it refreshes the fields."""
    entries = headings or [(1, "", "")]
    last = len(entries) - 1
    for n, (level, text, bookmark) in enumerate(entries):
        paragraph = subdoc.add_paragraph()
        style = styles(f"TOC {level}")
        if style is not None:
            set_style(paragraph, style)
        else:
            paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        p = paragraph._p
        if n == 0:
            _w(_w(p, "r"), "fldChar", fldCharType="begin", dirty="true")
            instr = _w(_w(p, "r"), "instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            _w(_w(p, "r"), "fldChar", fldCharType="separate")
        if text:
            link = _w(p, "hyperlink", anchor=bookmark, history=1)
            _w(_w(link, "r"), "t").text = text
        if n == last:
            _w(_w(p, "r"), "fldChar", fldCharType="end")


def _logos(subdoc, logos, *, width: int) -> None:
    """The logos of the title page side by side on one line (smaller when there are many),
    each with its description for screen readers (`wp:docPr descr`)."""
    if not logos:
        return
    paragraph = subdoc.add_paragraph()
    shapes = []
    for n, (image, description) in enumerate(logos):
        run = paragraph.add_run("  " if n else "")
        try:
            shape = run.add_picture(image, height=Cm(1.5))
        except (UnrecognizedImageError, OSError, ValueError):
            # A logo stored before the format was checked: the document goes out without it.
            logger.warning("logo %r could not be embedded: left out", getattr(image, "name", ""))
            continue
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", description)
        doc_pr.set("title", description)
        shapes.append(shape)
    room = 0.8 * width  # the spaces between the logos take the rest
    total = sum(shape.width for shape in shapes)
    if total > room:
        for shape in shapes:
            shape.width, shape.height = (
                int(shape.width * room / total),
                int(shape.height * room / total),
            )


def _open(image):
    """The bytes of an uploaded image (a FieldFile) or of a file-like object."""
    if hasattr(image, "open") and hasattr(image, "storage"):
        with image.open("rb") as handle:
            return io.BytesIO(handle.read())
    return image


def render_docx(
    content: dict,
    *,
    version_line: str,
    content_hash: str,
    annexes: list[dict] = (),
    cover: dict | None = None,
    date=None,
) -> bytes:
    """Render `content` (see documents.content) to a .docx file, then the `annexes` (heading,
    intro, title, header, rows) each on a new page, numbered after the sections.

    `cover` (see `directory.selectors.title_page`) puts logos and credits on the title page;
    `date` is the date it shows (the version's issue, by default today)."""
    language = content["language"]
    with translation.override(language):
        template = DocxTemplate(str(template_path()))
        template.init_docx()
        section = template.docx.sections[-1]
        set_language(template.docx, language)
        body = _Body(template.new_subdoc(), section=section)
        body.page_break()
        for item in content["sections"]:
            body.heading(f"{item['number']}. {item['title']}", 1)
            if item.get("mark"):  # the original, in another language than the edition's
                body.paragraph("").add_run(item["mark"]).italic = True
            if item.get("html"):
                body.narrative(item["html"])
            writer = WRITERS.get(item["kind"])
            if writer is not None:
                writer(body, item)
            _blocks(body, item)
        for number, annex in enumerate(annexes, start=len(content["sections"]) + 1):
            body.page_break()
            body.heading(f"{number}. {annex['heading']}", 1)
            body.paragraph(annex["intro"])
            if annex["rows"]:
                body.table(annex["header"], annex["rows"], annex["title"])
            else:
                body.paragraph(annex["empty"])
        body.finish()
        toc = template.new_subdoc()
        _contents(toc, body.headings, body.style)
        cover = cover or {}
        logos = template.new_subdoc()
        _logos(
            logos,
            [(_open(image), text) for image, text in cover.get("logos", [])],
            width=body.width,
        )
        names = ", ".join
        before, between, after = page_of_pages(language)
        today = formats.date_format(timezone.localdate())
        template.render(
            {
                **content,
                "version_line": version_line,
                "hash": content_hash,
                "body": body.doc,
                "toc": toc,
                "logos": logos,
                "prepared_by": (
                    _("Prepared by %(names)s") % {"names": names(cover["prepared_by"])}
                    if cover.get("prepared_by")
                    else _("Prepared by %(names)s") % {"names": content["network"]}
                ),
                "supported_by": (
                    _("With the support of %(names)s") % {"names": names(cover["supported_by"])}
                    if cover.get("supported_by")
                    else ""
                ),
                "date": formats.date_format(date) if date else today,
                "colophon": {
                    "title": _("About this document"),
                    "version": version_line,
                    "hash": _("Content hash (SHA-256) of this version: %(hash)s")
                    % {"hash": content_hash},
                    "check": _(
                        "The hash identifies the text of this version: any change to the text "
                        "gives another hash."
                    ),
                    "made": _("Made with gcmhub on %(date)s.") % {"date": today},
                },
                "page_before": before,
                "page_between": between,
                "page_after": after,
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
            if objective.get("synthesis_mark"):
                body.paragraph("").add_run(objective["synthesis_mark"]).italic = True
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
            if position["text"] or position["proposes"]:
                paragraph.add_run(": ")
            if position["text"]:
                paragraph.add_run(position["text"])
            if position.get("mark"):
                paragraph.add_run(" ")
                paragraph.add_run(f"({position['mark']})").italic = True
            if position["proposes"]:
                paragraph.add_run(f" {position['proposes']}")
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
        for field in ("situation", "gaps"):
            if item[field]:
                paragraph = body.paragraph(f"{labels[field]}: {item[field]}")
                if item.get(f"{field}_mark"):
                    paragraph.add_run(f" ({item[f'{field}_mark']})").italic = True
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
        png = charts.cached_png(
            charts.priority_matrix_figure,
            chart["points"],
            x_label=chart["x_label"],
            y_label=chart["y_label"],
            quadrants=chart["quadrants"],
            dpi=150,
        )
        body.doc.add_picture(io.BytesIO(png), width=Cm(15))
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
        if item.get("mark"):
            body.paragraph("").add_run(item["mark"]).italic = True
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
