"""Excel import pages: upload, preview every row with its errors, then save only a clean file.

The uploaded bytes wait in the session (base64, at most importers.MAX_FILE_BYTES) under a random
token, so the user confirms without uploading again; on confirmation the file is parsed again and
saved by the services. Nothing is written before the confirmation.
"""

import base64
import binascii
import io
import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actions import AlreadyDone, allowed_or_403, already_done, done_url, once_key, run_once, visible_or_404
from core.forms import errors_to_messages

from . import excel as importers
from .models import Dossier
from .selectors import dossiers_visible_to
from .services import ledger_import as ledger_import_service
from .services import nominees_bulk_create

SESSION_KEY = "dossiers_import_stash"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Tệp theo mẫu của Cổng, dung lượng tối đa 5 MB, tối đa 2.000 dòng."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + importers.XLSX_CONTENT_TYPE}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importers.MAX_FILE_BYTES:
            raise ValidationError(
                _("Tệp vượt quá %(limit)s MB. Hãy chia danh sách thành nhiều tệp nhỏ hơn.")
                % {"limit": importers.MAX_FILE_BYTES // 1048576}
            )
        return upload


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- The stash in the session --------------------------------------------------------------------


def _stash(request, *, kind: str, target, data: bytes, name: str) -> str:
    """Keep one uploaded file per session (a new upload replaces it); return its token."""
    token = secrets.token_urlsafe(24)
    request.session[SESSION_KEY] = {
        "token": token,
        "kind": kind,
        "target": target,
        "name": name,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def _unstash(request, *, kind: str, target, token: str) -> bytes | None:
    stash = request.session.get(SESSION_KEY)
    if not stash or not token or stash.get("kind") != kind or stash.get("target") != target:
        return None
    if not secrets.compare_digest(str(stash.get("token", "")), token):
        return None
    try:
        return base64.b64decode(stash["data"], validate=True)
    except (KeyError, binascii.Error, ValueError):
        return None


def _clear(request) -> None:
    request.session.pop(SESSION_KEY, None)


def _done_already(request, url: str):
    _clear(request)
    return already_done(request, url)


def _expired(request, url: str, stash_token: str):
    """The preview's file is gone from the session: saved by another click already, or expired."""
    done = done_url(once_key(stash_token)) if stash_token else None
    if done is not None:
        return _done_already(request, done or url)
    messages.error(request, _("Không còn tệp đã kiểm tra (phiên làm việc có thể đã hết hạn). Vui lòng tải tệp lên lại."))
    return redirect(url)


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=importers.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Nominees of a dossier -----------------------------------------------------------------------


def _editable_dossier(request, pk) -> Dossier:
    """A dossier the user may not see is a 404; one they see but may not change is a 403."""
    dossier = visible_or_404(request, dossiers_visible_to(viewer=request.user).select_related("unit", "round"), pk=pk)
    allowed_or_403(request, "dossiers.change_dossier", dossier)
    return dossier


@login_required
def nominee_template(request):
    return _xlsx_response(importers.nominee_template(), "mau-danh-sach-de-nghi-khen-thuong.xlsx")


@login_required
def nominee_import(request, pk):
    dossier = _editable_dossier(request, pk)
    form = ImportUploadForm()
    preview = None
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        stash_token = request.POST.get("token", "")
        data = _unstash(request, kind="nominee", target=dossier.pk, token=stash_token)
        if data is None:
            return _expired(request, request.path, stash_token)
        try:
            preview = importers.parse_nominees(io.BytesIO(data), dossier=dossier)
            if preview.can_save:
                created = run_once(  # a second click of "Lưu" (same stash) adds nobody twice
                    request,
                    once_key(stash_token),
                    lambda: nominees_bulk_create(by=request.user, dossier=dossier, rows=preview.valid_values),
                    lambda _created: reverse("dossiers:detail", args=[dossier.pk]),
                )
        except AlreadyDone as done:
            return _done_already(request, done.url)
        except ValidationError as exc:
            _clear(request)
            errors_to_messages(request, exc)
            return redirect(request.path)
        _clear(request)
        if preview.can_save:
            messages.success(request, _("Đã thêm %(n)s người vào hồ sơ.") % {"n": _number(len(created))})
            return redirect(reverse("dossiers:detail", args=[dossier.pk]))
        # The file changed meaning since the preview (the catalogue or the dossier moved): show why.
        done = done_url(once_key(stash_token))  # another click saved this very preview meanwhile
        if done is not None:
            return _done_already(request, done or request.path)
        messages.error(request, _("Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại."))
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = importers.read_upload(upload)
                preview = importers.parse_nominees(_named(data, upload.name), dossier=dossier)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
                _clear(request)
            else:
                if preview.can_save:
                    token = _stash(request, kind="nominee", target=dossier.pk, data=data, name=upload.name)
                else:
                    _clear(request)
    return render(
        request,
        "dossiers/nominee_import.html",
        {"dossier": dossier, "form": form, "preview": preview, "token": token},
    )


# --- The ledger of past years --------------------------------------------------------------------


def _require_office(request) -> None:
    if not request.user.has_perm("dossiers.process_dossier"):
        raise PermissionDenied


def _named(data: bytes, name: str) -> io.BytesIO:
    """The upload's bytes under its name, for messages that name the file."""
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _ledger_preview(data: bytes, name: str = "") -> importers.LedgerPreview:
    return importers.parse_ledger(_named(data, name))


@login_required
def ledger_template(request):
    _require_office(request)
    return _xlsx_response(importers.ledger_template(), "mau-so-khen-thuong-cac-nam.xlsx")


@login_required
def ledger_import(request):
    _require_office(request)
    form = ImportUploadForm()
    preview = None
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        stash_token = request.POST.get("token", "")
        data = _unstash(request, kind="ledger", target=None, token=stash_token)
        if data is None:
            return _expired(request, request.path, stash_token)
        try:
            preview = _ledger_preview(data)
            if preview.can_save:
                rows = [row.values for row in preview.rows]
                created = run_once(
                    request,
                    once_key(stash_token),
                    lambda: ledger_import_service(by=request.user, rows=rows),
                    lambda _created: request.path,
                )
        except AlreadyDone as done:
            return _done_already(request, done.url)
        except ValidationError as exc:
            _clear(request)
            errors_to_messages(request, exc)
            return redirect(request.path)
        _clear(request)
        if preview.can_save:
            messages.success(
                request,
                _("Đã nhập %(created)s khen thưởng vào sổ; bỏ qua %(skipped)s dòng đã có trong sổ.")
                % {"created": _number(created), "skipped": _number(len(rows) - created)},
            )
            return redirect(request.path)
        done = done_url(once_key(stash_token))  # another click saved this very preview meanwhile
        if done is not None:
            return _done_already(request, done or request.path)
        messages.error(request, _("Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại."))
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                data = importers.read_upload(upload)
                preview = _ledger_preview(data, upload.name)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
                _clear(request)
            else:
                if preview.can_save and preview.new_count:
                    token = _stash(request, kind="ledger", target=None, data=data, name=upload.name)
                else:
                    _clear(request)
    return render(request, "dossiers/ledger_import.html", {"form": form, "preview": preview, "token": token})
