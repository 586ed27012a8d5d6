"""Build the default Word template of gcmhub's documents (reporting/word/document.docx).

Run `python -m gcmhub.reporting.build_docx_template` to regenerate it. A country office can
instead restyle the .docx in Word (styles, fonts, logo, header and footer) and point the
DOCX_TEMPLATE setting to its copy; it must keep the {{ ... }} fields and the {{p body }} line.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE = Path(__file__).resolve().parent / "word" / "document.docx"
BRAND = RGBColor(0x0B, 0x4A, 0x7D)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """Insert a Word field (TOC, PAGE, ...) that Word computes when the file opens."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
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
    section.different_first_page_header_footer = True

    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        styles[name].font.color.rgb = BRAND
        styles[name].font.size = Pt(size)
    styles["Caption"].font.size = Pt(9)

    doc.add_paragraph("{{ network }}", style="Subtitle")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("{{ cycle }} · {{ country }}")
    doc.add_paragraph("{{ version_line }}")
    small = doc.add_paragraph("{{ labels.hash }}: {{ hash }}")
    small.runs[0].font.size = Pt(8)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph("{{ labels.contents }}", style="Heading 1")
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "{{ toc_hint }}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{{p body }}")

    header = section.header.paragraphs[0]
    header.text = "{{ title }} · {{ version_line }}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.add_run("{{ labels.page }} ")
    _field(footer, "PAGE", "1")

    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
