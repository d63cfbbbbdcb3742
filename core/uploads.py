"""Uploaded files are checked by what they contain, not by what they are called (dossier attachments,
scoring evidence, submitted documents): PDF, DOCX, XLSX, JPG or PNG within ATTACHMENT_MAX_BYTES."""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest())
