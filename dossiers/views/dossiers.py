"""The dossier list, a new dossier, the dossier's page and its transitions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from core.actions import form_action, post_action, post_from
from core.files import named
from core.lists import list_page
from core.selectors import audit_history
from units.models import Unit

from .. import selectors, services
from ..acknowledgement import acknowledgement_dict, acknowledgement_name
from ..enums import DossierStatus, Subject
from ..filters import DossierFilter
from ..forms import AppraisalSheet, AttachmentForm, DossierCreateForm, OutcomeOverrideForm, TransitionForm
from ..models import Nominee
from ..revisions import history_subject, revision_diff
from ..tables import DossierTable, ceremony_warning
from .common import cleaned, detail_url, dossier_or_404

# The button of a transition: withdrawing and asking for a supplement are not the usual next step.
TRANSITION_STYLES = {DossierStatus.WITHDRAWN: "btn-outline-secondary", DossierStatus.RETURNED: "btn-outline-warning"}
# The steps a clerk cannot take back ask first (#14).
TRANSITION_QUESTIONS = {
    DossierStatus.SUBMITTED: gettext_lazy(
        "Gửi hồ sơ này? Sau khi gửi, đơn vị không sửa được nữa, trừ khi được trả lại để bổ sung."
    ),
    DossierStatus.WITHDRAWN: gettext_lazy("Hủy, rút hồ sơ này? Hồ sơ đã hủy, rút không được xét tiếp."),
}


@login_required
def dossier_list(request):
    """Selector → DossierFilter → DossierTable; the status tabs count the rows of every other filter."""
    dossier_filter = DossierFilter(request.GET, viewer=request.user)
    counts = dossier_filter.tab_counts()
    query = request.GET.copy()
    query.pop("status", None)
    query.pop("page", None)
    return list_page(
        request,
        "dossiers/list.html",
        table_class=DossierTable,
        filterset=dossier_filter,
        context={
            "tabs": [(value, label, counts[value]) for value, label in DossierStatus.choices if counts.get(value)],
            "status": dossier_filter.tab,
            "total": sum(counts.values()),
            "query": query.urlencode(),
            "can_create": request.user.has_role(Role.UNIT_CLERK),
        },
    )


@login_required
def dossier_create(request):
    units = Unit.objects.filter(pk__in=request.user.unit_ids(Role.UNIT_CLERK)).order_by("name")
    if not units.exists():
        raise PermissionDenied
    form = DossierCreateForm(request.POST or None, units=units)
    return form_action(
        request,
        form,
        lambda data: services.dossier_create(by=request.user, **data),
        success=_("Đã tạo hồ sơ nháp. Hãy thêm người, tập thể được đề nghị và tệp đính kèm."),
        redirect_to=detail_url,
        render=lambda: render(request, "dossiers/create.html", {"form": form}),
    )


def detail_context(request, dossier, *, sheet: AppraisalSheet | None = None, typed=None, errors=None) -> dict:
    """What the dossier's page shows; `sheet`, the appraisal table as posted, and `typed`, a refused transition's
    post, keep what was typed — in that transition's own form only, with its `errors` ({field: [messages]})."""
    user = request.user
    nominees, dossier_files, missing_dossier = selectors.dossier_contents(dossier)
    can_process = user.has_perm("dossiers.process_dossier", dossier)
    revisions = list(dossier.revisions.order_by("-number")[:2])
    diff = None
    if can_process and len(revisions) == 2:
        labels = {f.name: str(f.verbose_name) for f in Nominee._meta.fields}
        diff = revision_diff(revisions[1].data, revisions[0].data, labels)
    typed = typed or {}
    transitions = [
        {
            "to": to,
            "label": label,
            "style": TRANSITION_STYLES.get(to, "btn-danger"),
            "needs_note": to in services.NOTE_REQUIRED,
            "question": TRANSITION_QUESTIONS.get(to, ""),
            "asks_day": to == DossierStatus.RECEIVED and dossier.status == DossierStatus.SUBMITTED,
            "typed": typed if typed.get("to") == to else {},
            "errors": (errors or {}) if typed.get("to") == to else {},
            "day": typed.get("received_on") if typed.get("to") == to else timezone.localdate().isoformat(),
        }
        for to, label in services.allowed_transitions(dossier, user)
    ]
    appraisal_open = can_process and dossier.is_in_appraisal
    return {
        "dossier": dossier,
        "ceremony_warning": ceremony_warning(dossier),
        "dossier_files": dossier_files,
        "missing_dossier": missing_dossier,
        "transitions": transitions,
        "attachment_form": AttachmentForm(dossier=dossier),
        "diff": diff,
        "revisions": revisions,
        "history": [(entry, history_subject(entry)) for entry in audit_history(dossier, limit=100)],
        "today": timezone.localdate(),
        "sent_on": timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None,
        **nominees_context(request, dossier, nominees, can_process=can_process, appraisal_open=appraisal_open, sheet=sheet),
    }


def nominees_context(request, dossier, nominees, *, can_process, appraisal_open, sheet=None) -> dict:
    """The nominees' table of the page (templates/dossiers/_nominees.html), each row with its appraisal form."""
    user = request.user
    if appraisal_open:
        sheet = sheet or AppraisalSheet(nominees=nominees)
        forms = sheet.by_nominee()
        for nominee in nominees:
            nominee.appraisal = forms.get(nominee.pk)
    return {
        "nominees": nominees,
        "can_edit": user.has_perm("dossiers.change_dossier", dossier),
        "can_process": can_process,
        "appraisal_open": appraisal_open,
        "override_open": user.has_perm("dossiers.override_outcome", dossier) and dossier.is_at_council,
        "override_form": OutcomeOverrideForm(),
        "subjects": Subject.choices,
    }


@login_required
def dossier_detail(request, pk):
    dossier = dossier_or_404(request, pk)
    return render(request, "dossiers/detail.html", detail_context(request, dossier))


@post_from("dossiers:detail", "pk")
@login_required
def dossier_transition(request, pk):
    """One transition of the edge map (its target is posted with the version the page was drawn at). A refused
    receipt date draws the page again with the day typed; other refusals are a message on the page."""
    dossier = dossier_or_404(request, pk)

    def move():
        form = TransitionForm(request.POST)
        if not form.is_valid() and set(form.errors) == {"received_on"}:
            raise ValidationError({"received_on": form.errors["received_on"]})
        data = cleaned(form, _("Yêu cầu không hợp lệ; vui lòng tải lại trang."))
        if data["version"] != dossier.version:
            raise ValidationError(_("Hồ sơ vừa được cập nhật (có thể do bấm hai lần). Vui lòng xem lại rồi thao tác tiếp."))
        return services.dossier_transition(
            dossier, to=data["to"], by=request.user, note=data["note"], received_on=data["received_on"]
        )

    def refused(error):
        """A refused receipt date or reason: the page again, that form keeping what was typed and saying what is
        wrong; any other refusal (a second click, a stale page): back to the page."""
        fields = getattr(error, "error_dict", {})
        if "received_on" in fields or "note" in fields:
            errors = {name: messages for name, messages in error.message_dict.items() if name in ("received_on", "note")}
            context = detail_context(request, dossier, typed=request.POST, errors=errors)
            return render(request, "dossiers/detail.html", context)
        return redirect(detail_url(dossier))

    return post_action(request, move, success=_moved, redirect_to=detail_url(dossier), on_refusal=refused)


def _moved(dossier) -> str:
    """The message after a transition; sent or received, with the link to print the acknowledgement (#14)."""
    said = _("Hồ sơ đã chuyển sang: %(status)s.") % {"status": dossier.get_status_display()}
    if dossier.status == DossierStatus.SUBMITTED:
        printable = _("In phiếu nộp hồ sơ")
    elif dossier.status == DossierStatus.RECEIVED and dossier.receipt_number:
        printable = _("In giấy tiếp nhận hồ sơ và hẹn trả kết quả (số %(number)s)") % {"number": dossier.receipt_number}
    else:
        return said
    url = reverse("dossiers:acknowledgement", args=[dossier.pk])
    return format_html('{} <a href="{}" target="_blank" id="acknowledgement-link">{}</a>', said, url, printable)


@login_required
def dossier_acknowledgement(request, pk):
    """The acknowledgement of a sent dossier (dossiers.acknowledgement) for whoever may see the dossier: a
    dossier never sent has none (404)."""
    from documents.render import render_pdf  # WeasyPrint loads on the first PDF, not at start-up

    dossier = dossier_or_404(request, pk)
    if dossier.submitted_at is None:
        raise Http404
    pdf = render_pdf("documents/acknowledgement.html", acknowledgement_dict(dossier))
    return named(HttpResponse(pdf, content_type="application/pdf"), acknowledgement_name(dossier), inline=True)
