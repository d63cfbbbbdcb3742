"""Uploaded files are checked by what they contain, not by what they are called (dossier attachments,
scoring evidence, submitted documents): PDF, DOCX, XLSX, JPG or PNG within ATTACHMENT_MAX_BYTES.

Beyond the kind and the size: a PDF with active content (JavaScript, a Launch action, embedded files) is
refused, and so is an Office package that would unpack past UPLOAD_MAX_UNCOMPRESSED_BYTES, compresses
more than UPLOAD_MAX_ZIP_RATIO times, holds more than UPLOAD_MAX_ZIP_ENTRIES parts, or carries macros.
Packages are judged from their central directory only: nothing is unpacked to check it."""

import hashlib
import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED_LABEL = "PDF, DOCX, XLSX, JPG, PNG"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def safe_name(name: str) -> str:
    """The last component of an uploaded name, without directories or control characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name  # drops "../", "C:\\…" and "/…"
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip(" .")
    return name[:200] or "tep-dinh-kem"


def _sniff(head: bytes, upload) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


_EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
}


# --- PDF: active content ------------------------------------------------------------------------------

# Names that make a PDF do something when it is opened or clicked, or carry another file inside it.
_ACTIVE_NAMES = {
    "JavaScript": "javascript",
    "JS": "javascript",
    "Launch": "launch",
    "EmbeddedFile": "embedded",
    "EmbeddedFiles": "embedded",
    "EF": "embedded",
}
# What each finding is called in the message (the first one found is named).
_ACTIVE_LABELS = {
    "javascript": gettext_lazy("mã lệnh JavaScript"),
    "launch": gettext_lazy("lệnh mở chương trình khác (Launch)"),
    "embedded": gettext_lazy("tệp khác nhúng bên trong"),
}
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
_OBJ_STREAM_BUDGET = 64 * 1024 * 1024  # bytes of object streams inflated per file, at most
# pypdf warns about every oddity of a damaged file it still reads; uploads are judged here, not logged.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _names(data: bytes) -> set[str]:
    """The PDF names written in `data`, with #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    return {_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1)).decode("latin-1") for match in _NAME.finditer(data)}


def _active_in(names: set[str]) -> str | None:
    for name in names:
        if name in _ACTIVE_NAMES:
            return _ACTIVE_NAMES[name]
    return None


class _Refused(Exception):
    def __init__(self, what: str):
        self.what = what


def _scan_pdf_bytes(data: bytes) -> str | None:
    """Look for active names in the file as written: in every dictionary outside stream data, and inside
    compressed object streams (PDF 1.5+ packs dictionaries there, out of sight of a plain search).
    Other streams (pages, images, fonts) are skipped: their bytes are not dictionaries."""
    found, position, budget = set(), 0, _OBJ_STREAM_BUDGET
    for match in _STREAM.finditer(data):
        if match.start() < position:
            continue  # the word inside stream data already skipped
        head = data[position : match.start()]
        found |= _names(head)
        own = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head[-4096:]
        dictionary = _names(own)
        length = _LENGTH.search(own)
        end = match.end() + int(length.group(1)) if length else -1
        if length and data[end : end + 32].lstrip().startswith(b"endstream"):
            end = data.find(b"endstream", end)
        else:
            end = data.find(b"endstream", match.end())  # /Length missing, indirect or wrong
        end = len(data) if end == -1 else end
        if "ObjStm" in dictionary:
            body = data[match.end() : end]
            if "FlateDecode" in dictionary or "Fl" in dictionary:
                inflater = zlib.decompressobj()
                try:
                    body = inflater.decompress(body, budget + 1)
                except zlib.error:
                    body = b""
            if len(body) > budget:
                raise _Refused("oversize")
            budget -= len(body)
            found |= _names(body)
        position = end + len(b"endstream")
    found |= _names(data[position:])
    return _active_in(found)


def _walk_pdf(upload) -> str | None:
    """Parse the PDF with pypdf and look at every object it holds, those in object streams included:
    a JavaScript or Launch action (/S), a /JS or /JavaScript entry (catalog names, /OpenAction, /AA),
    an embedded file (/EmbeddedFiles, /EF, /Type /EmbeddedFile). None when it holds none of these, or
    when pypdf cannot read the file (the byte scan has looked at it anyway)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Refused("encrypted")
        numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
        numbers |= {(number, 0) for number in reader.xref_objStm}
        for count, (number, generation) in enumerate(sorted(numbers)):
            if count > 200_000:
                raise _Refused("oversize")
            stack = [reader.get_object(IndirectObject(number, generation, reader))]
            while stack:
                item = stack.pop()
                if isinstance(item, DictionaryObject):
                    for key, value in item.items():
                        kind = _ACTIVE_NAMES.get(str(key).lstrip("/"))
                        if kind:
                            return kind
                        if key in ("/S", "/Type", "/Subtype"):
                            kind = _ACTIVE_NAMES.get(str(value).lstrip("/"))
                            if kind:
                                return kind
                        stack.append(value)
                elif isinstance(item, ArrayObject):
                    stack.extend(item)
    except _Refused:
        raise
    except Exception:  # pypdf raises many kinds of errors on a damaged file
        return None
    finally:
        upload.seek(0)
    return None


def _check_pdf(upload, name: str) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        what = _scan_pdf_bytes(data) or _walk_pdf(upload)
    except _Refused as refused:
        what = refused.what
    if what == "encrypted":
        raise ValidationError(
            _("Tệp “%(name)s” được đặt mật khẩu nên không kiểm tra và mở được. Hãy gỡ mật khẩu rồi tải lên lại.") % {"name": name}
        )
    if what == "oversize":
        raise ValidationError(
            _("Tệp “%(name)s” có cấu trúc PDF bất thường (quá nhiều đối tượng nén), không được tiếp nhận.") % {"name": name}
        )
    if what:
        raise ValidationError(
            _(
                "Tệp “%(name)s” chứa %(what)s nên không được tiếp nhận. Hãy in lại tài liệu ra PDF "
                "(“In” → “Microsoft Print to PDF” hoặc “Lưu dưới dạng PDF”) rồi tải lên tệp mới."
            )
            % {"name": name, "what": _ACTIVE_LABELS[what]}
        )


# --- Office packages (DOCX, XLSX): zip bombs and macros -------------------------------------------------

_MACRO_PARTS = {"vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin"}
_RATIO_FLOOR = 1024 * 1024  # packages unpacking to less than this are never too compressed to be safe


def check_office_package(upload, name: str) -> None:
    """Refuse a DOCX/XLSX that would unpack too large, compresses suspiciously well, has too many parts or
    carries macros — from the zip's central directory (declared sizes; Python's zipfile never inflates a
    part past its declared size), without unpacking anything but [Content_Types].xml when it is small."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > settings.UPLOAD_MAX_ZIP_ENTRIES:
                raise ValidationError(
                    _("Tệp “%(name)s” chứa %(count)s thành phần, vượt giới hạn %(limit)s; tệp không được tiếp nhận.")
                    % {"name": name, "count": len(infos), "limit": settings.UPLOAD_MAX_ZIP_ENTRIES}
                )
            unpacked = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos)
            limit = settings.UPLOAD_MAX_UNCOMPRESSED_BYTES
            if unpacked > limit:
                raise ValidationError(
                    _(
                        "Tệp “%(name)s” khi giải nén lên tới %(size)s MB, vượt giới hạn %(limit)s MB "
                        "(có thể là tệp nén độc hại); tệp không được tiếp nhận."
                    )
                    % {"name": name, "size": f"{unpacked / 1048576:,.0f}".replace(",", "."), "limit": limit // 1048576}
                )
            if unpacked > _RATIO_FLOOR and unpacked > settings.UPLOAD_MAX_ZIP_RATIO * max(packed, 1):
                raise ValidationError(
                    _(
                        "Tệp “%(name)s” có tỷ lệ nén bất thường (%(ratio)s lần, giới hạn %(limit)s lần), có thể là "
                        "tệp nén độc hại; tệp không được tiếp nhận."
                    )
                    % {"name": name, "ratio": unpacked // max(packed, 1), "limit": settings.UPLOAD_MAX_ZIP_RATIO}
                )
            macro = any(PurePosixPath(info.filename).name.lower() in _MACRO_PARTS for info in infos)
            types = next((info for info in infos if info.filename == "[Content_Types].xml"), None)
            if not macro and types is not None and types.file_size <= 1024 * 1024:
                macro = b"macroenabled" in archive.read(types).lower()
            if macro:
                raise ValidationError(
                    _(
                        "Tệp “%(name)s” chứa macro (mã lệnh VBA) nên không được tiếp nhận. Hãy lưu lại tệp dưới "
                        "dạng không có macro (.docx hoặc .xlsx) rồi tải lên."
                    )
                    % {"name": name}
                )
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ValidationError(_("Tệp “%(name)s” bị hỏng, không đọc được.") % {"name": name}) from exc
    finally:
        upload.seek(0)


def check_upload(upload) -> CheckedFile:
    """Raise a Vietnamese ValidationError unless the file is an allowed kind within the size limit."""
    limit = settings.ATTACHMENT_MAX_BYTES
    name = safe_name(upload.name)
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” dung lượng %(size)s MB, vượt giới hạn %(limit)s MB.")
            % {"name": name, "size": f"{upload.size / 1048576:.1f}".replace(".", ","), "limit": limit // 1048576}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    content_type = _sniff(head, upload)
    suffix = PurePosixPath(name).suffix.lower()
    if content_type is None or suffix not in _EXTENSIONS[content_type]:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp %(allowed)s hợp lệ (nội dung tệp không khớp với phần mở rộng).")
            % {"name": name, "allowed": ALLOWED_LABEL}
        )
    if content_type == "application/pdf":
        _check_pdf(upload, name)
    elif suffix in {".docx", ".xlsx"}:
        check_office_package(upload, name)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest())


def store_upload(stored, upload, *, by):
    """Check `upload` (check_upload) and keep it in `stored`, a core.models.StoredFile not yet saved:
    the metadata from the check, the bytes under the file field's folder. A refused file raises
    ValidationError before anything is written; a row that fails to save leaves no file behind."""
    checked = check_upload(upload)
    stored.original_name, stored.content_type = checked.name, checked.content_type
    stored.size, stored.sha256, stored.uploaded_by = checked.size, checked.sha256, by
    stored.file.save(checked.name, upload, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored
