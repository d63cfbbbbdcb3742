"""The nominees of a dossier: the form of one, its removal, its appraisal, an override of its result."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core.actions import already_done, form_action, post_action, post_from, visible_or_404

from .. import selectors, services
from ..enums import Subject
from ..forms import AppraisalForm, AppraisalSheet, NomineeForm, OutcomeOverrideForm
from ..selectors import nominees_of
from .common import cleaned, detail_url, dossier_or_404, editable_dossier
from .dossiers import detail_context, nominees_context

# The second button of a new nominee's form names what comes next: another person, collective, household, village.
SAVE_ADD_LABELS = {
    Subject.INDIVIDUAL: _lazy("Lưu và thêm người khác"),
    Subject.COLLECTIVE: _lazy("Lưu và thêm tập thể khác"),
    Subject.HOUSEHOLD: _lazy("Lưu và thêm hộ gia đình khác"),
    Subject.VILLAGE: _lazy("Lưu và thêm thôn, tổ dân phố khác"),
}


@login_required
def nominee_edit(request, pk, nominee_pk=None):
    dossier = editable_dossier(request, pk)
    nominee = visible_or_404(request, dossier.nominees.all(), pk=nominee_pk) if nominee_pk else None
    subject = nominee.subject if nominee else request.GET.get("subject", Subject.INDIVIDUAL)
    if subject not in Subject.values:
        raise Http404
    form = NomineeForm(request.POST or None, instance=nominee, subject=subject, dossier_version=dossier.version)

    def save(data):
        version = data.pop("version")
        return services.nominee_save(
            by=request.user, dossier=dossier, nominee=nominee, expected_version=version, subject=subject, **data
        )

    def next_page(_saved):
        if "save_add" in request.POST:
            return f"{request.path}?subject={subject}" if not nominee else request.path
        return detail_url(dossier)

    return form_action(
        request,
        form,
        save,
        success=lambda _saved: _("Đã lưu %(name)s.") % {"name": form.cleaned_data["full_name"]},
        redirect_to=next_page,
        render=lambda: render(
            request,
            "dossiers/nominee_form.html",
            {
                "dossier": dossier,
                "form": form,
                "nominee": nominee,
                "subject_label": Subject(subject).label,
                "save_add_label": SAVE_ADD_LABELS[subject],
            },
        ),
    )


@require_POST
@login_required
def nominee_delete(request, pk, nominee_pk):
    dossier = dossier_or_404(request, pk)
    nominee = dossier.nominees.filter(pk=nominee_pk).first()
    if nominee is None:  # a second click of "Xóa": the first one removed it
        return already_done(request, detail_url(dossier))
    return post_action(
        request,
        lambda: services.nominee_delete(by=request.user, nominee=nominee),
        success=_("Đã xóa %(name)s khỏi hồ sơ.") % {"name": nominee.full_name},
        redirect_to=detail_url(dossier),
    )


@require_POST
@login_required
def nominee_appraise(request, pk, nominee_pk):
    """One row's own button: only that row of the appraisal table is saved."""
    dossier = dossier_or_404(request, pk)
    nominee = visible_or_404(request, dossier.nominees.all(), pk=nominee_pk)
    form = AppraisalForm(request.POST, prefix=str(nominee.pk))
    return post_action(
        request,
        lambda: services.nominee_appraise(by=request.user, nominee=nominee, **cleaned(form, _("Hãy chọn kết luận thẩm định."))),
        success=_("Đã ghi kết luận thẩm định của %(name)s.") % {"name": nominee.full_name},
        redirect_to=detail_url(dossier, f"nominee-{nominee.pk}"),
    )


@post_from("dossiers:detail", "pk")
@login_required
def appraisal_save(request, pk):
    """The whole appraisal table in one save. With htmx the table is drawn again in place (the page keeps
    its position) with the message in it; without, the page is loaded again at the table. A refused save
    draws the table again with every row as typed and the faulty rows named."""
    dossier = dossier_or_404(request, pk)
    sheet = AppraisalSheet(request.POST, nominees=nominees_of(dossier))
    in_place = bool(request.headers.get("HX-Request"))

    def message(changed) -> str:
        if not changed:
            return _("Không có kết luận nào thay đổi.")
        return _("Đã lưu kết luận thẩm định của %(n)s người, tập thể.") % {"n": len(changed)}

    def redraw(error) -> HttpResponse:
        if isinstance(error, ValidationError):
            sheet.add_errors(error)
        if in_place:
            return _table(request, dossier, sheet=sheet)
        return render(request, "dossiers/detail.html", detail_context(request, dossier, sheet=sheet))

    response = post_action(
        request,
        lambda: services.nominees_appraise(by=request.user, dossier=dossier, rows=sheet.rows()),
        success=message,
        redirect_to=detail_url(dossier, "tham-dinh"),
        on_refusal=redraw,
    )
    if in_place and response.status_code == 302:
        return _table(request, dossier)
    return response


def _table(request, dossier, *, sheet=None) -> HttpResponse:
    """The nominees' card alone, with the messages in it, for htmx to put in place of the one on the page."""
    nominees = selectors.dossier_contents(dossier)[0]
    can_process = request.user.has_perm("dossiers.process_dossier", dossier)
    context = nominees_context(
        request, dossier, nominees, can_process=can_process, appraisal_open=can_process and dossier.is_in_appraisal, sheet=sheet
    )
    return render(request, "dossiers/_nominees.html", {**context, "dossier": dossier, "in_place": True})


@require_POST
@login_required
def nominee_override(request, pk, nominee_pk):
    """The office overrides a result, explicitly and with a reason (results come from the ballot)."""
    dossier = dossier_or_404(request, pk)
    nominee = visible_or_404(request, dossier.nominees.all(), pk=nominee_pk)
    form = OutcomeOverrideForm(request.POST)
    return post_action(
        request,
        lambda: services.nominee_outcome_override(
            by=request.user, nominee=nominee, **cleaned(form, _("Ghi đè kết quả cần chọn kết quả và ghi rõ lý do."))
        ),
        success=_("Đã ghi đè kết quả của %(name)s.") % {"name": nominee.full_name},
        redirect_to=detail_url(dossier, f"nominee-{nominee.pk}"),
    )
