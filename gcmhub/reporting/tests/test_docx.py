"""The Word files read back as XML: what a ministry relies on when it sends them as they are."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from gcmhub.reporting.docx import add_table, column_widths, render_docx, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "Capacity to collect disaggregated data on migration at the provincial level " * 4


def _content(language="en", sections=None):
    return {
        "title": "Needs assessment",
        "subtitle": "",
        "network": "UN Network on Migration in Türkiye",
        "cycle": "Cycle 2026",
        "country": "Türkiye",
        "language": language,
        "labels": {"contents": "Contents", "hash": "Content hash", "page": "Page"},
        "sections": sections
        or [
            {
                "key": "summary",
                "number": "1",
                "title": "Executive summary",
                "kind": "text",
                "html": "<p>The summary.</p>",
                "blocks": [
                    {"heading": "Needs by objective", "paragraphs": ["Where help is needed."]},
                ],
            },
            {
                "key": "findings",
                "number": "2",
                "title": "Findings",
                "kind": "text",
                "html": "<p>What was found.</p>",
            },
        ],
    }


def _render(content, **kwargs):
    data = render_docx(
        content, version_line="Version 1.0 of 1 December 2026", content_hash="ab" * 32, **kwargs
    )
    return Document(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(data))


def _widths(table):
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.gridCol_lst]


def test_a_table_fills_the_text_block_and_its_columns_follow_the_text():
    doc = Document()
    header = ["No.", "Organisation", "Need"]
    rows = [[str(n), "Directorate General of Migration Management", TEXT] for n in range(30)]
    table = add_table(doc, header, rows)
    widths = _widths(table)
    assert sum(widths) == text_width(doc.sections[-1]) // 635  # twips
    number, name, need = widths
    assert number < name < need
    # "Organisation" and "Directorate" stay whole: the column is wider than its longest word.
    assert name > 12 * 11 * 20 * 0.5


def test_a_table_repeats_its_header_row_and_keeps_its_rows_whole():
    doc = Document()
    table = add_table(doc, ["A", "B"], [["1", "x\ny"], ["2", None]])
    rows = table._tbl.tr_lst
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert [c.text for c in table.rows[1].cells] == ["1", "x\ny"]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[2].cells[1].text == ""


def test_column_widths_never_exceed_the_block_and_keep_short_columns_whole():
    widths = column_widths(["Rank", "Objective"], [["1", TEXT]], 9000)
    assert sum(widths) == 9000
    assert widths[0] < 2000
    widths = column_widths(["A" * 30] * 10, [], 9000)
    assert sum(widths) == 9000  # words too long for the page share it


def test_the_report_carries_the_language_of_its_content_on_its_styles():
    for language, tag in (("tr", "tr-TR"), ("en", "en-GB")):
        _, files = _render(_content(language))
        styles = files.read("word/styles.xml").decode()
        assert f'w:val="{tag}"' in styles
        assert 'w:val="en-US"' not in styles


def test_the_contents_page_is_filled_when_the_file_is_made():
    doc, files = _render(_content())
    xml = files.read("word/document.xml").decode()
    assert "TOC \\o" in xml
    entries = [p for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    texts = ["".join(t.text for t in p._p.iter(f"{W}t")) for p in entries]
    assert texts == ["1. Executive summary", "Needs by objective", "2. Findings"]
    assert [p.style.name for p in entries] == ["TOC 1", "TOC 2", "TOC 1"]
    # Each entry links to its heading's bookmark.
    anchors = [p._p.find(f"{W}hyperlink").get(qn("w:anchor")) for p in entries]
    for anchor in anchors:
        assert f'w:name="{anchor}"' in xml
    assert "update the table of contents" not in xml


def test_the_title_page_has_no_hash_and_the_colophon_has_version_and_hash():
    doc, files = _render(
        _content(), cover={"logos": [], "prepared_by": ["UNNM"], "supported_by": ["IOM", "ILO"]}
    )
    paragraphs = [p.text for p in doc.paragraphs]
    colophon = paragraphs.index("About this document")
    cover = "\n".join(paragraphs[:colophon])
    assert "ab" * 32 not in cover
    assert "Prepared by UNNM" in cover
    assert "With the support of IOM, ILO" in cover
    after = "\n".join(paragraphs[colophon : colophon + 5])
    assert "ab" * 32 in after and "Version 1.0 of 1 December 2026" in after
    assert doc.paragraphs[colophon]._p.pPr.find(f"{W}pageBreakBefore") is not None


def test_the_footer_says_page_n_of_m_in_the_document_language():
    for language, words in (("en", ("Page", "of")), ("tr", ("Sayfa",))):
        _, files = _render(_content(language))
        footers = [n for n in files.namelist() if n.startswith("word/footer")]
        xml = "".join(files.read(n).decode() for n in footers)
        assert " PAGE " in xml and " NUMPAGES " in xml
        if language == "en":
            assert all(w in xml for w in words)


def test_the_title_page_shows_logos_with_their_descriptions():
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (120, 60), (11, 74, 125)).save(image, "PNG")
    image.seek(0)
    _, files = _render(
        _content(), cover={"logos": [(image, "Logo of the UN Network")], "prepared_by": ["UNNM"]}
    )
    xml = files.read("word/document.xml").decode()
    assert 'descr="Logo of the UN Network"' in xml
    assert any(n.startswith("word/media/") for n in files.namelist())


def test_a_wide_table_gets_a_landscape_page_of_its_own():
    header = [f"Column {n}" for n in range(8)]
    sections = [
        {
            "key": "annex",
            "number": "1",
            "title": "Matrix",
            "kind": "text",
            "html": "<p>Before.</p>",
            "blocks": [
                {"table": {"header": header, "rows": [["x"] * 8] * 3, "caption": "Wide"}},
                {"paragraphs": ["After."]},
            ],
        }
    ]
    doc, _ = _render(_content(sections=sections))
    orientations = [s.orientation for s in doc.sections]
    assert len(doc.sections) == 3
    assert [int(o) for o in orientations] == [0, 1, 0]  # portrait, landscape, portrait
    table = doc.tables[0]
    landscape = doc.sections[1]
    assert sum(_widths(table)) == text_width(landscape) // 635
    # The caption went to the landscape page with its table; only the first section has a
    # title page without header.
    assert not doc.sections[1].different_first_page_header_footer
    assert not doc.sections[2].different_first_page_header_footer
    assert doc.sections[0].different_first_page_header_footer


def test_no_paragraph_is_only_a_page_break():
    """A page started by an empty paragraph's break makes a blank page when the one before is
    full: the report starts its pages with "page break before" instead."""
    doc, _ = _render(
        _content(),
        annexes=[
            {
                "heading": "Annex",
                "intro": "The list.",
                "title": "List",
                "header": ["A"],
                "rows": [["1"]],
                "empty": "",
            }
        ],
    )
    for paragraph in doc.paragraphs:
        breaks = paragraph._p.findall(f".//{W}br")
        assert not any(b.get(qn("w:type")) == "page" for b in breaks)
    annex = [p for p in doc.paragraphs if p.text == "3. Annex"][-1]  # after its contents entry
    assert annex.paragraph_format.page_break_before


def test_headings_and_table_captions_keep_with_what_follows():
    sections = [
        {
            "key": "s",
            "number": "1",
            "title": "Data",
            "kind": "text",
            "html": "",
            "blocks": [
                {"table": {"header": ["A", "B"], "rows": [["1", "2"]], "caption": "Numbers"}}
            ],
        }
    ]
    doc, _ = _render(_content(sections=sections))
    heading = [p for p in doc.paragraphs if p.text == "1. Data"][-1]  # after its contents entry
    caption = next(p for p in doc.paragraphs if p.text.startswith("Table 1"))
    assert heading.paragraph_format.keep_with_next
    assert caption.paragraph_format.keep_with_next
