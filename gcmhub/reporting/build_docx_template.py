"""Build the default Word template of gcmhub's documents (reporting/word/document.docx).

Run `python -m gcmhub.reporting.build_docx_template` to regenerate it. A country office can
instead restyle the .docx in Word (styles, fonts, logo, header and footer) and point the
DOCX_TEMPLATE setting to its copy; it must keep the {{ ... }} fields and the {{p body }} line
(and should keep {{p logos }}, {{p toc }} and the colophon's fields).

The pages: the title page (logos, network, title, "prepared by / with the support of", date),
the colophon (version, content hash), the contents (filled when the file is made), the body.
Each starts on a new page through its first paragraph ("page break before"), never through an
empty paragraph that could make a blank page.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE = Path(__file__).resolve().parent / "word" / "document.docx"
BRAND = RGBColor(0x0B, 0x4A, 0x7D)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES...) that Word computes when the file opens."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True

    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.1
    for name, size in (
        ("Title", 26),
        ("Heading 1", 16),
        ("Heading 2", 13),
        ("Heading 3", 12),
        ("Heading 4", 11),
    ):
        styles[name].font.color.rgb = BRAND
        styles[name].font.size = Pt(size)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption"):
        styles[name].paragraph_format.keep_with_next = True
        styles[name].paragraph_format.keep_together = True
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 2"].paragraph_format.space_before = Pt(12)
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].paragraph_format.space_before = Pt(6)
    styles["Caption"].paragraph_format.space_after = Pt(3)
    styles["TOC Heading"].font.color.rgb = BRAND
    for level in (1, 2):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3 if level == 2 else 6)
        toc.paragraph_format.tab_stops.add_tab_stop(
            section.page_width - section.left_margin - section.right_margin,
            WD_TAB_ALIGNMENT.RIGHT,
            WD_TAB_LEADER.DOTS,
        )
        toc.font.bold = level == 1
        toc.priority = 39
    colophon = styles.add_style("Colophon", WD_STYLE_TYPE.PARAGRAPH)
    colophon.base_style = styles["Normal"]
    colophon.font.size = Pt(9)

    # The title page
    doc.add_paragraph("{{p logos }}")
    network = doc.add_paragraph("{{ network }}", style="Subtitle")
    network.paragraph_format.space_before = Pt(48)
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("{{ cycle }} · {{ country }}")
    credits = doc.add_paragraph("{{ prepared_by }}")
    credits.paragraph_format.space_before = Pt(96)
    doc.add_paragraph("{{ supported_by }}")
    doc.add_paragraph("{{ date }}")

    # The colophon
    title = doc.add_paragraph("{{ colophon.title }}", style="Colophon")
    title.paragraph_format.page_break_before = True
    title.runs[0].bold = True
    for field in ("version", "hash", "check", "made"):
        doc.add_paragraph(f"{{{{ colophon.{field} }}}}", style="Colophon")

    # The contents
    contents = doc.add_paragraph("{{ labels.contents }}", style="TOC Heading")
    contents.paragraph_format.page_break_before = True
    doc.add_paragraph("{{p toc }}")
    doc.add_paragraph("{{p body }}")

    header = section.header.paragraphs[0]
    header.text = "{{ title }} · {{ version_line }}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("{{ page_before }}")
    _field(footer, "PAGE", "1")
    footer.add_run("{{ page_between }}")
    _field(footer, "NUMPAGES", "1")
    footer.add_run("{{ page_after }}")
    for run in footer.runs:
        run.font.size = Pt(8)

    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
