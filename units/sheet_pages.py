"""The pages of an onboarding import (units, accounts): upload → preview of every row → confirm once.

As the nominee import (dossiers/views/imports.py): uploading parses the file and shows the preview,
nothing is written; a clean file's bytes wait in the session under a random token; confirming parses
them again and saves, once per token (core.actions.post_action with the token as its one-time key).
"""

import base64
import binascii
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actions import once_key, post_action

from .sheets import MAX_FILE_BYTES, MAX_ROWS, XLSX_CONTENT_TYPE, read_upload, thousands

EXPIRED = gettext_lazy("Không còn tệp đã kiểm tra (phiên làm việc có thể đã hết hạn). Vui lòng tải tệp lên lại.")
NEW_FAULTS = gettext_lazy("Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại.")


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, parse, **kwargs):
        super().__init__(*args, **kwargs)
        self.parse, self.content, self.preview = parse, b"", None
        self.fields["file"].help_text = _("Tệp theo mẫu của Cổng, dung lượng tối đa %(size)s MB, tối đa %(rows)s dòng.") % {
            "size": MAX_FILE_BYTES // 1048576,
            "rows": thousands(MAX_ROWS),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content = read_upload(upload)
        self.preview = self.parse(upload)
        return upload


class Stash:
    """The one checked file a session keeps for one kind of import (a new upload replaces it)."""

    KEY = "onboarding_import_stash"

    def __init__(self, request, *, kind: str):
        self.session, self.kind = request.session, kind

    def keep(self, data: bytes) -> str:
        token = secrets.token_urlsafe(24)
        self.session[self.KEY] = {"token": token, "kind": self.kind, "data": base64.b64encode(data).decode("ascii")}
        return token

    def take(self, token: str) -> bytes | None:
        stash = self.session.get(self.KEY)
        if not stash or not token or stash.get("kind") != self.kind:
            return None
        if not secrets.compare_digest(str(stash.get("token", "")), token):
            return None
        self.clear()
        try:
            return base64.b64decode(stash["data"], validate=True)
        except (KeyError, binascii.Error, ValueError):
            return None

    def clear(self) -> None:
        self.session.pop(self.KEY, None)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def upload_page(request, template: str, *, kind: str, parse, context: dict):
    """GET: the upload form. POST: the file parsed into a preview; a clean one kept for confirmation."""
    stash = Stash(request, kind=kind)
    posted = request.method == "POST"
    form = SheetUploadForm(request.POST if posted else None, request.FILES if posted else None, parse=parse)
    preview, token = None, ""
    if form.is_valid():
        preview = form.preview
        if preview.can_save:
            token = stash.keep(form.content)
        else:
            stash.clear()
    elif form.files:
        stash.clear()
    return render(request, template, {"form": form, "preview": preview, "token": token, **context})


def confirm(request, *, kind: str, parse, save, page: str, done: str, template: str, context: dict, success):
    """Parse the kept file again and save it, once per token; rows that gained faults since the preview
    are shown again, unsaved."""
    token = request.POST.get("token", "")
    data = Stash(request, kind=kind).take(token)
    parsed = {}

    def run():
        if data is None:
            raise ValidationError(EXPIRED)
        preview = parsed["preview"] = parse(data)
        if not preview.can_save:
            raise ValidationError(NEW_FAULTS)
        return save(preview)

    def refused(_exc):
        if "preview" not in parsed or parsed["preview"].can_save:
            return redirect(page)
        form = SheetUploadForm(parse=parse)
        return render(request, template, {"form": form, "preview": parsed["preview"], "token": "", **context})

    return post_action(
        request,
        run,
        once=once_key(f"onboarding:{token}") if token else None,
        on_refusal=refused,
        success=success,
        redirect_to=lambda result: page if result is None else done,
    )
