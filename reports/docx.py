"""The review report as an editable Word file (python-docx), from the same plain dict as its PDF.

Layout after Nghị định 30/2020 Phụ lục I: A4, margins 20/15/20/30 mm, Times New Roman 14 pt, the header
table (issuing body | national motto), "Số:" and the italic place-date, the bold title, a justified body
with a 1.27 cm first-line indent, "Nơi nhận:" on the left and the signature block on the right.
"""

from __future__ import annotations

import datetime
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"


def _run(paragraph, text: str, *, size=14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size = FONT, Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(container, text="", *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, size=14, bold=False, italic=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_lines(cell, lines: list[tuple[str, dict]], align=WD_ALIGN_PARAGRAPH.CENTER):
    cell.paragraphs[0].text = ""
    for index, (text, style) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, **style)


def _date_line(place: str, iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _issuer_lines(name: str) -> list[str]:
    """ "ỦY BAN NHÂN DÂN HUYỆN THANH OAI" → ["ỦY BAN NHÂN DÂN", "HUYỆN THANH OAI"], as on the PDF."""
    head = "ỦY BAN NHÂN DÂN"
    return [head, name[len(head) :].strip()] if name.upper().startswith(head) and name[len(head) :].strip() else [name]


def review_docx(data: dict) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    authority = data["authority"]

    header = document.add_table(rows=2, cols=2)
    _no_borders(header)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.columns[0].width = header.rows[0].cells[0].width = header.rows[1].cells[0].width = Mm(65)
    header.columns[1].width = header.rows[0].cells[1].width = header.rows[1].cells[1].width = Mm(100)
    issuer = [(authority["parent_name"].upper(), {"size": 13})] if authority.get("parent_name") else []
    issuer += [(line.upper(), {"size": 13, "bold": True}) for line in _issuer_lines(authority["name"])]
    _cell_lines(header.cell(0, 0), issuer)
    _cell_lines(
        header.cell(0, 1),
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"size": 13, "bold": True}),
            ("Độc lập - Tự do - Hạnh phúc", {"size": 14, "bold": True, "underline": True}),
        ],
    )
    _cell_lines(header.cell(1, 0), [(f"Số: {data['number']}", {"size": 13})])
    _cell_lines(header.cell(1, 1), [(_date_line(authority["place_name"], data["date"]), {"size": 14, "italic": True})])

    _paragraph(document, "", indent=False)
    _paragraph(
        document, data["title"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True
    ).paragraph_format.space_after = Pt(0)
    _paragraph(document, data["summary"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, bold=True)
    _paragraph(document, "_______________", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=10)

    for block in data["blocks"]:
        kind = block["type"]
        if kind == "heading":
            _paragraph(document, block["text"], indent=False, bold=True)
        elif kind == "subheading":
            _paragraph(document, block["text"], bold=True)
        elif kind == "table":
            _paragraph(document, block["caption"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, italic=True)
            table = document.add_table(rows=1 + len(block["rows"]), cols=len(block["header"]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for col, text in enumerate(block["header"]):
                _cell_lines(table.cell(0, col), [(text, {"size": 13, "bold": True})])
            for r, row in enumerate(block["rows"], start=1):
                last = r == len(block["rows"])
                for col, text in enumerate(row):
                    align = (
                        WD_ALIGN_PARAGRAPH.LEFT
                        if col == 1
                        else WD_ALIGN_PARAGRAPH.RIGHT
                        if col > 1
                        else WD_ALIGN_PARAGRAPH.CENTER
                    )
                    _cell_lines(table.cell(r, col), [(text, {"size": 13, "bold": last})], align=align)
            _paragraph(document, "", indent=False)
        else:
            _paragraph(document, block["text"], bold=block.get("bold", False))

    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    _cell_lines(
        left,
        [("Nơi nhận:", {"size": 12, "bold": True, "italic": True})]
        + [(f"- {line}", {"size": 11}) for line in data["recipients"]],
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    signer = data["signer"]
    signature = [
        (signer[key].upper(), {"size": 14, "bold": True}) for key in ("on_behalf", "signing_line", "title") if signer.get(key)
    ]
    signature += [("", {}), ("", {}), ("", {}), (signer.get("name", ""), {"size": 14, "bold": True})]
    _cell_lines(right, signature)

    buffer = io.BytesIO()
    document.core_properties.author = authority["name"]
    document.core_properties.title = f"{data['title']} – {data['summary']}"
    document.save(buffer)
    return buffer.getvalue()
