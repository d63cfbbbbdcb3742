"""Excel import pages of dossiers: a dossier's nominees, the ledger of past years.

The pages themselves (upload, preview, confirm once per token) are core.imports'; here are what each
import parses, saves and says.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.imports import Stash, confirm, upload_page, xlsx_response
from core.sheets import thousands

from .. import services
from ..excel import ledger_template, nominee_template, parse_ledger, parse_nominees
from .common import detail_url, editable_dossier

STASH_KEY = "dossiers_import_stash"


# --- Nominees of a dossier -----------------------------------------------------------------------


@login_required
def nominee_template_download(request):
    return xlsx_response(nominee_template(), "Mẫu danh sách đề nghị khen thưởng.xlsx")


@login_required
def nominee_import(request, pk):
    dossier = editable_dossier(request, pk)
    return upload_page(
        request,
        "dossiers/nominee_import.html",
        Stash(request, key=STASH_KEY, kind="nominee", target=dossier.pk),
        parse=lambda file: parse_nominees(file, dossier=dossier),
        context={"dossier": dossier},
    )


@require_POST
@login_required
def nominee_import_confirm(request, pk):
    dossier = editable_dossier(request, pk)
    page = reverse("dossiers:nominee_import", args=[dossier.pk])
    return confirm(
        request,
        Stash(request, key=STASH_KEY, kind="nominee", target=dossier.pk),
        parse=lambda file: parse_nominees(file, dossier=dossier),
        save=lambda preview: services.nominees_bulk_create(by=request.user, dossier=dossier, rows=preview.valid_values),
        page=page,
        template="dossiers/nominee_import.html",
        context={"dossier": dossier},
        success=lambda created: _("Đã thêm %(n)s người vào hồ sơ.") % {"n": thousands(len(created))},
        done=detail_url(dossier),
    )


# --- The ledger of past years --------------------------------------------------------------------


def _require_office(request) -> None:
    if not request.user.has_perm("dossiers.process_dossier"):
        raise PermissionDenied


@login_required
def ledger_template_download(request):
    _require_office(request)
    return xlsx_response(ledger_template(authority_id=request.user.acting_authority_id), "Mẫu sổ khen thưởng các năm.xlsx")


@login_required
def ledger_import(request):
    _require_office(request)
    return upload_page(
        request,
        "dossiers/ledger_import.html",
        Stash(request, key=STASH_KEY, kind="ledger", target=None),
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

    return confirm(
        request,
        Stash(request, key=STASH_KEY, kind="ledger", target=None),
        parse=lambda file: parse_ledger(file, authority_id=request.user.acting_authority_id),
        save=save,
        page=reverse("dossiers:ledger_import"),
        done=reverse("dossiers:ledger_import"),
        template="dossiers/ledger_import.html",
        context={},
        success=lambda created: (
            _("Đã nhập %(created)s khen thưởng vào sổ; bỏ qua %(skipped)s dòng đã có trong sổ.")
            % {"created": thousands(created), "skipped": thousands(len(rows) - created)}
        ),
    )
