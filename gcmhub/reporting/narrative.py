"""Text written in the rich-text editor (sanitised HTML), prepared for each renderer.

Footnotes are marked in the editor as text with the class "footnote" (the editor's text-class
menu): on screen and in Word they become numbered references with the notes after the section;
in the PDF, WeasyPrint sets them as real footnotes at the foot of the page.
"""

import html
import re
from html.parser import HTMLParser

from docx.oxml import OxmlElement
from docx.shared import Cm

FOOTNOTE = re.compile(r'<span class="footnote">(.*?)</span>', re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def number_footnotes(fragment: str, *, prefix: str) -> tuple[str, list[tuple[int, str]]]:
    """Replace footnote marks by numbered references; return the HTML and the notes."""
    notes: list[tuple[int, str]] = []

    def replace(match):
        number = len(notes) + 1
        notes.append((number, match.group(1)))
        return (
            f'<sup class="fn-ref"><a href="#{prefix}-fn-{number}" id="{prefix}-fnref-{number}">'
            f"{number}</a></sup>"
        )

    return FOOTNOTE.sub(replace, fragment or ""), notes


def to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block (for comparing versions)."""
    text = FOOTNOTE.sub(r" [\1]", fragment or "")
    text = BLOCK_END.sub("\n", text)
    text = TAGS.sub("", text)
    text = html.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


class DocxWriter(HTMLParser):
    """Write sanitised editor HTML into a python-docx container (document or subdocument).

    Handles what the editor produces: paragraphs, headings 3-4, bold, italic, underline,
    sub/superscript, lists (nested), quotes, links (text with the address), tables, line
    breaks and footnotes (numbered, collected in `notes`).
    """

    HEADINGS = {"h3": 3, "h4": 4}

    def __init__(self, container, *, notes: list[str], base_level: int = 0):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.notes = notes
        self.base_level = base_level
        self.paragraph = None
        self.marks: list[str] = []
        self.lists: list[str] = []
        self.quote = False
        self.rows: list[list[dict]] | None = None  # collected while inside a table
        self.href = None
        self.footnote: list[str] | None = None
        self.fresh_item = False  # a list item's paragraph not yet written into
        self.counters: list[int] = []  # item numbers of the open ordered lists
        self.styles: dict = {}

    def _style(self, name):
        """The style object `name`, looked up once (a lookup by name scans every style)."""
        if name not in self.styles:
            try:
                self.styles[name] = self.container.styles[name]
            except KeyError:  # a restyled template may lack the style
                self.styles[name] = None
        return self.styles[name]

    def _new_paragraph(self, style=None):
        self.paragraph = self.container.add_paragraph()
        style_object = self._style(style) if style else None
        if style_object is not None:
            self.paragraph._p.style = style_object.style_id  # by id: no scan of the styles
        return self.paragraph

    def _ensure_paragraph(self):
        if self.paragraph is None:
            self._new_paragraph("Quote" if self.quote else None)
        return self.paragraph

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.rows is not None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th") and self.rows:
                self.rows[-1].append({"header": tag == "th", "runs": []})
            elif tag in ("strong", "b", "em", "i", "u", "sub", "sup", "s"):
                self.marks.append(tag)
            return
        if tag == "p":
            if self.fresh_item:
                self.fresh_item = False  # the editor wraps list items in <p>
            else:
                self._new_paragraph("Quote" if self.quote else None)
        elif tag in self.HEADINGS:
            self._new_paragraph(f"Heading {min(self.HEADINGS[tag] + self.base_level, 9)}")
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.counters.append(0)
        elif tag == "li":
            depth = min(len(self.lists), 3)
            if self.lists and self.lists[-1] == "ol":
                # Numbers written out: Word's automatic numbering would run on across lists.
                self.counters[-1] += 1
                paragraph = self._new_paragraph("List Paragraph")
                paragraph.paragraph_format.left_indent = Cm(0.75 * depth)
                paragraph.add_run(f"{self.counters[-1]}. ")
            else:
                self._new_paragraph("List Bullet" if depth <= 1 else f"List Bullet {depth}")
            self.fresh_item = True
        elif tag == "blockquote":
            self.quote = True
        elif tag == "table":
            self.rows = []
            self.paragraph = None
        elif tag == "br":
            if self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag == "a":
            self.href = attrs.get("href")
        elif tag == "span" and attrs.get("class") == "footnote":
            self.footnote = []
        elif tag in ("strong", "b", "em", "i", "u", "sub", "sup", "s"):
            self.marks.append(tag)

    def handle_endtag(self, tag):
        if tag in ("strong", "b", "em", "i", "u", "sub", "sup", "s") and tag in self.marks:
            self.marks.remove(tag)
        if self.rows is not None:
            if tag == "table":
                self._write_table()
            return
        if tag in ("p", "li") or tag in self.HEADINGS:
            self.paragraph = None
            self.fresh_item = False
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.counters.pop()
        elif tag == "blockquote":
            self.quote = False
        elif tag == "a":
            if self.href and self.footnote is None and not self.href.startswith("mailto:"):
                self._ensure_paragraph().add_run(f" ({self.href})")
            self.href = None
        elif tag == "span" and self.footnote is not None:
            self.notes.append("".join(self.footnote).strip())
            run = self._ensure_paragraph().add_run(str(len(self.notes)))
            run.font.superscript = True
            self.footnote = None

    def handle_data(self, data):
        if self.footnote is not None:
            self.footnote.append(data)
            return
        if self.rows is not None:
            if self.rows and self.rows[-1]:
                self.rows[-1][-1]["runs"].append((data, list(self.marks)))
            return
        if not data.strip() and self.paragraph is None:
            return
        run = self._ensure_paragraph().add_run(data)
        self._style_run(run, self.marks)

    @staticmethod
    def _style_run(run, marks):
        if "strong" in marks or "b" in marks:
            run.bold = True
        if "em" in marks or "i" in marks:
            run.italic = True
        if "u" in marks:
            run.underline = True
        if "sub" in marks:
            run.font.subscript = True
        if "sup" in marks:
            run.font.superscript = True
        if "s" in marks:
            run.font.strike = True

    def _write_table(self):
        rows = [r for r in self.rows if r]
        self.rows = None
        if not rows:
            return
        columns = max(len(r) for r in rows)
        table = self.container.add_table(rows=len(rows), cols=columns)
        grid = self._style("Table Grid")
        if grid is not None:
            table._tbl.tblPr.style = grid.style_id
        # Row by row (`table.cell(r, c)` rebuilds the table's grid on every call). A header
        # row (all <th>) repeats on every page; no row splits across pages.
        for r, (table_row, row) in enumerate(zip(table.rows, rows, strict=True)):
            tr_pr = table_row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r == 0 and all(cell["header"] for cell in row):
                tr_pr.append(OxmlElement("w:tblHeader"))
            for docx_cell, cell in zip(table_row.cells, row, strict=False):
                paragraph = docx_cell.paragraphs[0]
                for text, marks in cell["runs"]:
                    self._style_run(
                        paragraph.add_run(text), marks + (["strong"] if cell["header"] else [])
                    )
        self.paragraph = None


def write_docx(container, fragment: str, *, notes: list[str]) -> None:
    writer = DocxWriter(container, notes=notes)
    writer.feed(fragment or "")
    writer.close()
