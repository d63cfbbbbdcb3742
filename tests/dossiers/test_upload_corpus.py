"""The upload corpus: files made here, each accepted or refused by core.uploads.check_upload as the
portal's one check (dossiers, clusters, campaigns, the API) — PDFs with and without active content, in
plain objects and inside compressed object streams; Office packages clean, bombed, over-compressed, with
too many parts, with macros. A refused upload leaves the dossier as it was."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from dossiers import excel, services
from dossiers.enums import ComponentType
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- PDFs --------------------------------------------------------------------------------------------


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Tờ trình đề nghị khen thưởng"})
    writer.open_destination = writer.pages[0]  # an /OpenAction that only opens page 1: harmless
    return _written(writer)


def pdf_with_document_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    names = ArrayObject([TextStringObject("chao"), writer._add_object(action)])
    tree = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})})
    writer._root_object[NameObject("/Names")] = tree  # document-level JavaScript, run on opening
    return _written(writer)


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("bang-tinh.exe", b"MZ\x90\x00 not really")
    return _written(writer)


def pdf_with_page_aa_javascript() -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.beep(0)")})
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(action)})
    return _written(writer)


def build_pdf(objects: dict[int, bytes], packed: dict[int, bytes] | None = None) -> bytes:
    """A PDF by hand: `objects` written plainly, `packed` inside one Flate-compressed object stream with a
    cross-reference stream (PDF 1.5), which pypdf's writer does not produce. Object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if not packed:
        size = max(objects) + 1
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
        return bytes(out)
    stream_number = max([*objects, *packed]) + 1
    pairs, bodies, index = [], b"", {}
    for position, (number, body) in enumerate(packed.items()):
        pairs.append(b"%d %d" % (number, len(bodies)))
        bodies += body + b"\n"
        index[number] = position
    header = b" ".join(pairs) + b"\n"
    data = zlib.compress(header + bodies)
    offsets[stream_number] = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        stream_number,
        len(packed),
        len(header),
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    offsets[xref_number] = len(out)
    rows = b""
    for number in range(xref_number + 1):
        if number == 0:
            rows += struct.pack(">BIH", 0, 0, 65535)
        elif number in packed:
            rows += struct.pack(">BIH", 2, stream_number, index[number])
        else:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


PAGES = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
}


def pdf_open_action(action: bytes, *, packed: bool = False) -> bytes:
    catalog = {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"}
    if packed:
        return build_pdf({**catalog, 3: PAGES[3]}, {2: PAGES[2], 4: action})
    return build_pdf({**catalog, **PAGES, 4: action})


def clean_pdf_with_object_stream() -> bytes:
    return build_pdf({3: PAGES[3]}, {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>", 2: PAGES[2]})


JS_ACTION = b"<< /S /JavaScript /JS (app.launchURL\\('http://example.invalid'\\)) >>"
LAUNCH_ACTION = b"<< /S /Launch /F (C:\\\\Windows\\\\System32\\\\cmd.exe) >>"
HEX_JS_ACTION = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"


# --- Office packages ---------------------------------------------------------------------------------


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zeros_deflated(mib: int) -> tuple[bytes, int, int]:
    """`mib` MiB of zeros deflated cheaply: one fully flushed block repeated (each repeat stands alone,
    so the stream is valid), then an empty final block. (compressed, crc32, size)."""
    chunk = bytes(MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    return block * mib + compressor.flush(zlib.Z_FINISH), crc, mib * MIB


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written field by field from already deflated entries (name, compressed, crc32, size)."""
    out, central = bytearray(), bytearray()
    for name, compressed, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(encoded), 0)
        out += encoded + compressed
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(encoded), 0, 0, 0, 0, 0, offset
        )
        central += encoded
    start = len(out)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _small(name: str, text: bytes) -> tuple[str, bytes, int, int]:
    return name, _deflated(text), zlib.crc32(text), len(text)


DOCX_PARTS = [
    _small("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
    _small("word/document.xml", b"<w:document/>"),
]


def docx_with_zeros(mib: int) -> bytes:
    return raw_zip([*DOCX_PARTS, ("word/media/image1.png", *_zeros_deflated(mib))])


def clean_docx() -> bytes:
    return raw_zip(DOCX_PARTS)


def clean_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Danh hiệu"])
    workbook.active.append(["Nguyễn Thị Hoa", "Lao động tiên tiến"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def macro_docx() -> bytes:
    return raw_zip([*DOCX_PARTS, _small("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name")])


def macro_enabled_xlsx() -> bytes:
    """An .xlsm renamed .xlsx whose macro part is not called vbaProject.bin: its content types say so."""
    types = b'<Types><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
    return raw_zip([_small("[Content_Types].xml", types), _small("xl/workbook.xml", b"<workbook/>"), _small("xl/m.bin", b"x")])


def many_parts_docx(count: int) -> bytes:
    return raw_zip([*DOCX_PARTS, *(_small(f"word/media/p{n}.xml", b"<p/>") for n in range(count))])


# --- The corpus --------------------------------------------------------------------------------------

REFUSED = [
    ("javascript.pdf", pdf_with_document_javascript, "chứa mã lệnh JavaScript"),
    ("open-action-js.pdf", lambda: pdf_open_action(JS_ACTION), "chứa mã lệnh JavaScript"),
    ("open-action-js-packed.pdf", lambda: pdf_open_action(JS_ACTION, packed=True), "chứa mã lệnh JavaScript"),
    ("hex-escaped-js-packed.pdf", lambda: pdf_open_action(HEX_JS_ACTION, packed=True), "chứa mã lệnh JavaScript"),
    ("page-aa.pdf", pdf_with_page_aa_javascript, "chứa mã lệnh JavaScript"),
    ("launch.pdf", lambda: pdf_open_action(LAUNCH_ACTION), "chứa lệnh mở chương trình khác (Launch)"),
    ("launch-packed.pdf", lambda: pdf_open_action(LAUNCH_ACTION, packed=True), "chứa lệnh mở chương trình khác (Launch)"),
    ("embedded.pdf", pdf_with_embedded_file, "chứa tệp khác nhúng bên trong"),
    (
        "embedded-packed.pdf",
        lambda: pdf_open_action(b"<< /Type /Filespec /F (a.exe) /EF << /F 3 0 R >> >>", packed=True),
        "chứa tệp khác nhúng bên trong",
    ),
    ("bom-1gib.docx", lambda: docx_with_zeros(1024), "khi giải nén lên tới 1.024 MB, vượt giới hạn 200 MB"),
    ("ti-le-nen.docx", lambda: docx_with_zeros(20), "có tỷ lệ nén bất thường"),
    ("macro.docx", macro_docx, "chứa macro (mã lệnh VBA)"),
    ("macro.xlsx", macro_enabled_xlsx, "chứa macro (mã lệnh VBA)"),
]

ACCEPTED = [
    ("to-trinh.pdf", clean_pdf, "application/pdf"),
    ("to-trinh-nen.pdf", clean_pdf_with_object_stream, "application/pdf"),
    ("bao-cao.docx", clean_docx, DOCX),
    ("danh-sach.xlsx", clean_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
]


def _state(dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return dossier.version, list(dossier.attachments.values_list("original_name", flat=True))


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED, ids=[row[0] for row in REFUSED])
def test_upload_with_active_content_or_bomb_is_refused_and_dossier_intact(draft, clerk_a, media_root, name, make, reason):
    before = _state(draft)
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile(name, make()))
    [message] = excinfo.value.messages
    assert message.startswith(f"Tệp “{name}” ")
    assert reason in message
    assert _state(draft) == before
    assert not (Path(media_root) / "dossiers").exists()


@pytest.mark.parametrize(("name", "make", "content_type"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_clean_upload_is_accepted(draft, clerk_a, name, make, content_type):
    attachment = services.attachment_add(
        by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile(name, make())
    )
    assert (attachment.original_name, attachment.content_type) == (name, content_type)
    assert _state(draft)[1] == [name]


def test_office_package_with_too_many_parts_is_refused(draft, clerk_a, settings):
    settings.UPLOAD_MAX_ZIP_ENTRIES = 10
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(
            by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("nhieu.docx", many_parts_docx(9))
        )
    assert excinfo.value.messages == ["Tệp “nhieu.docx” chứa 11 thành phần, vượt giới hạn 10; tệp không được tiếp nhận."]


def test_office_limits_come_from_settings(draft, clerk_a, settings):
    settings.UPLOAD_MAX_ZIP_RATIO = 2000
    attachment = services.attachment_add(
        by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("ti-le.docx", docx_with_zeros(20))
    )
    assert attachment.content_type == DOCX
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 10 * MIB
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(
            by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("lon.docx", docx_with_zeros(20))
        )
    assert excinfo.value.messages == [
        "Tệp “lon.docx” khi giải nén lên tới 20 MB, vượt giới hạn 10 MB (có thể là tệp nén độc hại); tệp không được tiếp nhận."
    ]


def test_password_protected_pdf_is_refused(draft, clerk_a):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="bi-mat", owner_password="chu-so-huu", algorithm="RC4-128")
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(
            by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("mat-khau.pdf", _written(writer))
        )
    assert excinfo.value.messages == [
        "Tệp “mat-khau.pdf” được đặt mật khẩu nên không kiểm tra và mở được. Hãy gỡ mật khẩu rồi tải lên lại."
    ]


def test_pdf_with_only_an_owner_password_is_accepted(draft, clerk_a):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")
    attachment = services.attachment_add(
        by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("chi-doc.pdf", _written(writer))
    )
    assert attachment.content_type == "application/pdf"


def test_excel_import_refuses_a_bomb_without_unpacking_it(draft):
    parts = [_small("[Content_Types].xml", b"<Types/>"), _small("xl/workbook.xml", b"<workbook/>")]
    bomb = raw_zip([*parts, ("xl/s.xml", *_zeros_deflated(20))])
    with pytest.raises(ValidationError) as excinfo:
        excel.parse_nominees(SimpleUploadedFile("danh-sach.xlsx", bomb), dossier=draft)
    assert "Tệp “danh-sach.xlsx” có tỷ lệ nén bất thường" in excinfo.value.messages[0]


def test_import_page_names_the_file_when_it_refuses_a_macro_workbook(client, clerk_a, draft):
    buffer = io.BytesIO(clean_xlsx())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name")
    client.force_login(clerk_a)
    url = reverse("dossiers:nominee_import", args=[draft.pk])
    response = client.post(url, {"file": SimpleUploadedFile("danh-sach-co-macro.xlsx", buffer.getvalue())})
    assert response.status_code == 200
    assert "Tệp “danh-sach-co-macro.xlsx” chứa macro (mã lệnh VBA) nên không được tiếp nhận." in response.content.decode()
    assert draft.nominees.count() == 0
