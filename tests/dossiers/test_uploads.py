import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import services
from dossiers.enums import ComponentType
from dossiers.models import Attachment, Dossier

from .conftest import PDF, pdf

pytestmark = pytest.mark.django_db


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _state(dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return dossier.version, list(dossier.attachments.values_list("original_name", flat=True))


def test_pdf_is_accepted_and_stored_under_a_random_name(draft, clerk_a, media_root):
    attachment = services.attachment_add(
        by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf("Tờ trình số 12.pdf")
    )
    assert attachment.original_name == "Tờ trình số 12.pdf"
    assert attachment.content_type == "application/pdf"
    stored = Path(attachment.file.path)
    assert stored.parent == Path(media_root) / "dossiers" / str(draft.pk)
    assert stored.read_bytes() == PDF


def test_docx_is_recognised_by_its_content(draft, clerk_a):
    upload = SimpleUploadedFile("bao-cao.docx", _docx_bytes())
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=upload)
    assert attachment.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_script_renamed_pdf_is_refused_and_dossier_untouched(draft, clerk_a, media_root):
    before = _state(draft)
    upload = SimpleUploadedFile("to-trinh.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=upload)
    assert excinfo.value.messages == [
        "Tệp “to-trinh.pdf” không phải tệp PDF, DOCX, XLSX, JPG, PNG hợp lệ (nội dung tệp không khớp với phần mở rộng)."
    ]
    assert _state(draft) == before
    assert not (Path(media_root) / "dossiers").exists()


def test_pdf_named_docx_is_refused(draft, clerk_a):
    with pytest.raises(ValidationError):
        services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=pdf("bao-cao.docx"))


def test_oversize_file_is_refused(draft, clerk_a, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("bien-ban.pdf", PDF + b"0" * (1024 * 1024 + 1))
    before = _state(draft)
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.MINUTES, upload=big)
    assert excinfo.value.messages == ["Tệp “bien-ban.pdf” dung lượng 1,0 MB, vượt giới hạn 1 MB."]
    assert _state(draft) == before


def test_path_traversal_name_is_neutralised(draft, clerk_a, media_root):
    upload = SimpleUploadedFile("../../../etc/cron.d/evil.pdf", PDF)
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=upload)
    assert attachment.original_name == "evil.pdf"
    assert Path(attachment.file.path).resolve().is_relative_to(Path(media_root).resolve())
    windows = services.attachment_add(
        by=clerk_a, dossier=draft, component=ComponentType.OTHER, upload=SimpleUploadedFile("C:\\Windows\\..\\x.pdf", PDF)
    )
    assert windows.original_name == "x.pdf"


def test_failed_upload_through_the_page_keeps_everything(client, draft, clerk_a):
    client.force_login(clerk_a)
    before = _state(draft)
    response = client.post(
        f"/ho-so/{draft.pk}/tep/",
        {
            "component": ComponentType.PROPOSAL,
            "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        },
        follow=True,
    )
    assert "không phải tệp PDF, DOCX, XLSX, JPG, PNG hợp lệ" in response.content.decode()
    assert _state(draft) == before
    assert Attachment.objects.count() == 0


def test_media_is_not_served_directly(client, draft, clerk_a):
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    client.force_login(clerk_a)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
