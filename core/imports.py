"""The pages of an Excel import: upload → preview of every row with its faults → confirm once.

Uploading (the page's own address) parses the file and shows the preview; nothing is written. The bytes
of a file worth saving wait in the session (base64, within the size limit) under a random token, so the
user confirms without uploading again. Confirming has its own address: the file is parsed again and saved
by the importer's service, once per token (core.actions.post_action with the token as its one-time key).

Used by the nominee and ledger imports (dossiers/views/imports.py) and the onboarding imports of units and
accounts (units/views.py, accounts/views.py). A parser takes a file (an upload or bytes under a name) and
returns a preview with `can_save`; what its rows mean is the importer's.
"""

import base64
import binascii
import datetime
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .actions import once_key, post_action
from .files import content_disposition
from .sheets import MAX_FILE_BYTES, MAX_ROWS, XLSX_CONTENT_TYPE, named, read_upload, thousands
from .widgets import FilePicker

EXPIRED = gettext_lazy("Không còn tệp đã kiểm tra (phiên làm việc có thể đã hết hạn). Vui lòng tải tệp lên lại.")
NEW_FAULTS = gettext_lazy("Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại.")


class ImportUploadForm(forms.Form):
    """An Excel file to import, parsed while the form is cleaned: `preview` holds every row with its
    faults, `content` the bytes (kept for the confirmation); a file that cannot be read is the field's error."""

    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=FilePicker(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}),
    )

    def __init__(self, *args, parse, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.parse, self.max_bytes = parse, max_bytes
        self.content, self.preview = b"", None
        self.fields["file"].help_text = _("Tệp theo mẫu của Cổng, dung lượng tối đa %(size)s MB, tối đa %(rows)s dòng.") % {
            "size": max_bytes // 1048576,
            "rows": thousands(max_rows),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content = read_upload(upload, max_bytes=self.max_bytes)
        self.preview = self.parse(named(self.content, upload.name))
        return upload


class Stash:
    """The one checked file a session keeps under `key` (a new upload replaces it), for one kind of import
    and one target (a dossier's pk; None for an import without one)."""

    def __init__(self, request, *, key: str, kind: str, target=None):
        self.session, self.key, self.kind, self.target = request.session, key, kind, target

    def keep(self, data: bytes, name: str = "") -> str:
        token = secrets.token_urlsafe(24)
        self.session[self.key] = {
            "token": token,
            "kind": self.kind,
            "target": self.target,
            "name": name,
            "data": base64.b64encode(data).decode("ascii"),
        }
        return token

    def take(self, token: str) -> bytes | None:
        """The file kept under `token`, removed from the session; None when there is none (saved by another
        click already, expired, or another token)."""
        stash = self.session.get(self.key)
        if not stash or not token or stash.get("kind") != self.kind or stash.get("target") != self.target:
            return None
        if not secrets.compare_digest(str(stash.get("token", "")), token):
            return None
        self.clear()
        try:
            return base64.b64decode(stash["data"], validate=True)
        except (KeyError, binascii.Error, ValueError):
            return None

    def clear(self) -> None:
        self.session.pop(self.key, None)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A workbook to download (a template) under `filename` (core.files.content_disposition: Vietnamese as browsers read it)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def upload_page(request, template: str, stash: Stash, *, parse, context: dict, worth_keeping=None):
    """GET: the upload form. POST: the file parsed into a preview; kept for confirmation when worth it
    (by default: when it may be saved)."""
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None, parse=parse)
    preview, token = None, ""
    if form.is_valid():
        preview = form.preview
        if (worth_keeping or _can_save)(preview):
            token = stash.keep(form.content, form.cleaned_data["file"].name)
        else:
            stash.clear()
    elif form.files:  # a file was sent but could not be read: the previous one is not worth keeping either
        stash.clear()
    return render(request, template, {"form": form, "preview": shown(preview), "token": token, **context})


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def day_text(value):
    """A cell as the preview shows it: a date (a real one, or text the sheet wrote as yyyy-mm-dd, with or
    without its midnight) as dd/mm/yyyy; anything else unchanged."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    match = _ISO_DAY.match(value.strip()) if isinstance(value, str) else None
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return f"{datetime.date(year, month, day):%d/%m/%Y}"
        except ValueError:
            return value
    return value


def shown(preview):
    """The preview with its rows' dates written dd/mm/yyyy (only what the table shows: the rows' values and
    their saving are untouched). A row's cells are texts, or (text, at fault) pairs."""
    for row in getattr(preview, "rows", None) or []:
        row.cells = [(day_text(cell[0]), *cell[1:]) if isinstance(cell, tuple) else day_text(cell) for cell in row.cells]
    return preview


def _can_save(preview) -> bool:
    return preview.can_save


def confirm(request, stash: Stash, *, parse, save, page: str, done: str, template: str, context: dict, success):
    """Parse the kept file again and save it, once per token, then go to `done`; a file whose rows gained
    faults since the preview (the catalogue or the portal moved) is shown again with them, unsaved; a file
    gone, unreadable or refused by the service goes back to the upload `page`."""
    token = request.POST.get("token", "")
    data = stash.take(token)
    parsed = {}

    def run():
        if data is None:
            raise ValidationError(EXPIRED)
        preview = parsed["preview"] = parse(named(data, ""))
        if not preview.can_save:
            raise ValidationError(NEW_FAULTS)
        return save(preview)

    def refused(_exc):
        if "preview" not in parsed or parsed["preview"].can_save:
            return redirect(page)
        form = ImportUploadForm(parse=parse)
        return render(request, template, {"form": form, "preview": shown(parsed["preview"]), "token": "", **context})

    return post_action(
        request,
        run,
        once=once_key(token) if token else None,
        on_refusal=refused,
        success=success,
        redirect_to=lambda result: page if result is None else done,
    )
