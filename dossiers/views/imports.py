"""Excel import pages: upload, preview every row with its faults, then save only a clean file.

Uploading (the page's own address) parses the file and shows the preview; nothing is written. The bytes
of a file worth saving wait in the session (base64, at most excel.MAX_FILE_BYTES) under a random token,
so the user confirms without uploading again. Confirming has its own address: the file is parsed again
and saved by the services, once per token (core.actions.post_action with the token as its one-time key).
"""

import base64
import binascii
import secrets

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.actions import once_key, post_action

from .. import services
from ..excel import XLSX_CONTENT_TYPE, ledger_template, named, nominee_template, parse_ledger, parse_nominees
from ..excel.workbook import thousands
from ..forms import ImportUploadForm
from .common import detail_url, editable_dossier

EXPIRED = gettext_lazy("Không còn tệp đã kiểm tra (phiên làm việc có thể đã hết hạn). Vui lòng tải tệp lên lại.")
NEW_FAULTS = gettext_lazy("Danh sách có lỗi mới phát sinh sau khi kiểm tra. Chưa lưu gì; hãy sửa tệp và tải lên lại.")


class _Stash:
    """The one checked file a session keeps (a new upload replaces it), for one kind of import and target."""

    KEY = "dossiers_import_stash"

    def __init__(self, request, *, kind: str, target):
        self.session, self.kind, self.target = request.session, kind, target

    def keep(self, data: bytes, name: str) -> str:
        token = secrets.token_urlsafe(24)
        self.session[self.KEY] = {
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
        stash = self.session.get(self.KEY)
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
        self.session.pop(self.KEY, None)


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _upload_page(request, template: str, stash: _Stash, *, parse, worth_keeping, context: dict):
    """GET: the upload form. POST: the file parsed into a preview; kept for confirmation when worth it."""
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None, parse=parse)
    preview, token = None, ""
    if form.is_valid():
        preview = form.preview
        if worth_keeping(preview):
            token = stash.keep(form.content, form.cleaned_data["file"].name)
        else:
            stash.clear()
    elif form.files:  # a file was sent but could not be read: the previous one is not worth keeping either
        stash.clear()
    return render(request, template, {"form": form, "preview": preview, "token": token, **context})


def _confirm(request, stash: _Stash, *, parse, save, page: str, template: str, context: dict, **outcome):
    """Parse the kept file again and save it, once per token; a file whose rows gained faults since the
    preview (the catalogue or the dossier moved) is shown again with them, unsaved."""
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
        if "preview" not in parsed or parsed["preview"].can_save:  # gone, unreadable, or refused by the service
            return redirect(page)
        form = ImportUploadForm(parse=parse)
        return render(request, template, {"form": form, "preview": parsed["preview"], "token": "", **context})

    return post_action(request, run, once=once_key(token) if token else None, on_refusal=refused, **outcome)


# --- Nominees of a dossier -----------------------------------------------------------------------


@login_required
def nominee_template_download(request):
    return _xlsx_response(nominee_template(), "mau-danh-sach-de-nghi-khen-thuong.xlsx")


@login_required
def nominee_import(request, pk):
    dossier = editable_dossier(request, pk)
    return _upload_page(
        request,
        "dossiers/nominee_import.html",
        _Stash(request, kind="nominee", target=dossier.pk),
        parse=lambda file: parse_nominees(file, dossier=dossier),
        worth_keeping=lambda preview: preview.can_save,
        context={"dossier": dossier},
    )


@require_POST
@login_required
def nominee_import_confirm(request, pk):
    dossier = editable_dossier(request, pk)
    page = reverse("dossiers:nominee_import", args=[dossier.pk])
    return _confirm(
        request,
        _Stash(request, kind="nominee", target=dossier.pk),
        parse=lambda file: parse_nominees(file, dossier=dossier),
        save=lambda preview: services.nominees_bulk_create(by=request.user, dossier=dossier, rows=preview.valid_values),
        page=page,
        template="dossiers/nominee_import.html",
        context={"dossier": dossier},
        success=lambda created: _("Đã thêm %(n)s người vào hồ sơ.") % {"n": thousands(len(created))},
        redirect_to=lambda created: page if created is None else detail_url(dossier),
    )


# --- The ledger of past years --------------------------------------------------------------------


def _require_office(request) -> None:
    if not request.user.has_perm("dossiers.process_dossier"):
        raise PermissionDenied


@login_required
def ledger_template_download(request):
    _require_office(request)
    return _xlsx_response(ledger_template(authority_id=request.user.acting_authority_id), "mau-so-khen-thuong-cac-nam.xlsx")


@login_required
def ledger_import(request):
    _require_office(request)
    return _upload_page(
        request,
        "dossiers/ledger_import.html",
        _Stash(request, kind="ledger", target=None),
        parse=lambda file: parse_ledger(file, authority_id=request.user.acting_authority_id),
        worth_keeping=lambda preview: preview.can_save and preview.new_count,
        context={},
    )


@require_POST
@login_required
def ledger_import_confirm(request):
    _require_office(request)
    rows: list[dict] = []

    def save(preview):
        rows.extend(row.values for row in preview.rows)
        return services.ledger_import(by=request.user, rows=rows)

    return _confirm(
        request,
        _Stash(request, kind="ledger", target=None),
        parse=lambda file: parse_ledger(file, authority_id=request.user.acting_authority_id),
        save=save,
        page=reverse("dossiers:ledger_import"),
        template="dossiers/ledger_import.html",
        context={},
        success=lambda created: (
            _("Đã nhập %(created)s khen thưởng vào sổ; bỏ qua %(skipped)s dòng đã có trong sổ.")
            % {"created": thousands(created), "skipped": thousands(len(rows) - created)}
        ),
        redirect_to=reverse("dossiers:ledger_import"),
    )
