from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from rules.contrib.views import permission_required

from accounts.enums import Role
from core.actions import allowed_or_403, already_done, form_action, post_action, scope_or_404, visible_or_404
from core.files import protected_file
from core.selectors import audit_history
from units.models import Unit
from units.selectors import units_visible_to

from . import selectors, services
from .enums import DossierStatus, Subject
from .forms import (
    AppraisalForm,
    AttachmentForm,
    AwardRoundForm,
    DossierCreateForm,
    NomineeForm,
    OutcomeOverrideForm,
    TransitionForm,
)
from .models import Attachment, AwardRound, Dossier, Nominee, Person
from .revisions import revision_diff
from .tables import DossierTable


def _dossier(request, pk) -> Dossier:
    """A dossier the user may not see is a 404, like one that does not exist."""
    return visible_or_404(
        request, selectors.dossiers_visible_to(viewer=request.user).select_related("unit", "round", "created_by"), pk=pk
    )


def _detail_url(dossier: Dossier, anchor: str = "") -> str:
    return reverse("dossiers:detail", args=[dossier.pk]) + (f"#{anchor}" if anchor else "")


@login_required
def dossier_list(request):
    form, filtered, status = selectors.dossier_list_filter(viewer=request.user, query=request.GET)
    counts = selectors.status_counts(filtered)
    if status:
        filtered = filtered.filter(status=status)
    table = DossierTable(filtered)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    query = request.GET.copy()
    query.pop("status", None)
    query.pop("page", None)
    tabs = [(value, label, counts.get(value, 0)) for value, label in DossierStatus.choices if counts.get(value)]
    return render(
        request,
        "dossiers/list.html",
        {
            "table": table,
            "form": form,
            "tabs": tabs,
            "status": status,
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
        redirect_to=_detail_url,
        render=lambda: render(request, "dossiers/create.html", {"form": form}),
    )


@login_required
def dossier_detail(request, pk):
    dossier = _dossier(request, pk)
    user = request.user
    nominees = list(selectors.nominees_of(dossier))
    attachments = list(selectors.attachments_of(dossier))
    missing = selectors.missing_components(dossier, nominees=nominees, attachments=attachments)
    for nominee in nominees:
        nominee.missing = missing.get(nominee.pk, [])
        nominee.files = [a for a in attachments if a.nominee_id == nominee.pk]
    can_process = user.has_perm("dossiers.process_dossier", dossier)
    revisions = list(dossier.revisions.order_by("-number")[:2])
    diff = None
    if can_process and len(revisions) == 2:
        labels = {f.name: str(f.verbose_name) for f in Nominee._meta.fields}
        diff = revision_diff(revisions[1].data, revisions[0].data, labels)
    history = audit_history(dossier, limit=100)
    return render(
        request,
        "dossiers/detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "dossier_files": [a for a in attachments if a.nominee_id is None],
            "missing_dossier": missing.get(None, []),
            "can_edit": user.has_perm("dossiers.change_dossier", dossier),
            "can_process": can_process,
            "transitions": services.allowed_transitions(dossier, user),
            "note_required": services.NOTE_REQUIRED,
            "attachment_form": AttachmentForm(dossier=dossier),
            "appraisal_open": can_process and dossier.status in (DossierStatus.RECEIVED, DossierStatus.CONSULTING),
            "override_open": user.has_perm("dossiers.override_outcome", dossier) and dossier.status == DossierStatus.AT_COUNCIL,
            "appraisal_form": AppraisalForm(),
            "override_form": OutcomeOverrideForm(),
            "diff": diff,
            "revisions": revisions,
            "history": history,
            "subjects": Subject.choices,
        },
    )


def _editable_dossier(request, pk) -> Dossier:
    dossier = _dossier(request, pk)
    allowed_or_403(request, "dossiers.change_dossier", dossier)
    return dossier


@login_required
def nominee_edit(request, pk, nominee_pk=None):
    dossier = _editable_dossier(request, pk)
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
        return _detail_url(dossier)

    return form_action(
        request,
        form,
        save,
        success=lambda _saved: _("Đã lưu %(name)s.") % {"name": form.cleaned_data["full_name"]},
        redirect_to=next_page,
        render=lambda: render(
            request,
            "dossiers/nominee_form.html",
            {"dossier": dossier, "form": form, "nominee": nominee, "subject_label": Subject(subject).label},
        ),
    )


@require_POST
@login_required
def nominee_delete(request, pk, nominee_pk):
    dossier = _dossier(request, pk)
    nominee = dossier.nominees.filter(pk=nominee_pk).first()
    if nominee is None:  # a second click of "Xóa": the first one removed it
        return already_done(request, _detail_url(dossier))
    return post_action(
        request,
        lambda: services.nominee_delete(by=request.user, nominee=nominee),
        success=_("Đã xóa %(name)s khỏi hồ sơ.") % {"name": nominee.full_name},
        redirect_to=_detail_url(dossier),
    )


@require_POST
@login_required
def attachment_upload(request, pk):
    dossier = _dossier(request, pk)
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_detail_url(dossier, "tep-dinh-kem"))
    return post_action(
        request,
        lambda: services.attachment_add(
            by=request.user,
            dossier=dossier,
            component=form.cleaned_data["component"],
            upload=form.cleaned_data["file"],
            nominee=form.cleaned_data["nominee"],
        ),
        success=lambda attachment: _("Đã tải lên %(name)s.") % {"name": attachment.original_name},
        redirect_to=_detail_url(dossier, "tep-dinh-kem"),
        once=form.cleaned_data["once"],  # the same drawn form posted twice (a double click) uploads one file
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    """Files are served only here, after the dossier's permission check; never from MEDIA_URL."""
    dossier = _dossier(request, pk)
    attachment = visible_or_404(request, Attachment.objects.filter(dossier=dossier), pk=attachment_pk)
    return protected_file(attachment.file, attachment.original_name, attachment.content_type)


@require_POST
@login_required
def attachment_delete(request, pk, attachment_pk):
    dossier = _dossier(request, pk)
    attachment = Attachment.objects.filter(dossier=dossier, pk=attachment_pk).first()
    if attachment is None:  # a second click of "Xóa": the first one removed it
        return already_done(request, _detail_url(dossier))
    return post_action(
        request,
        lambda: services.attachment_delete(by=request.user, attachment=attachment),
        success=_("Đã xóa tệp %(name)s.") % {"name": attachment.original_name},
        redirect_to=_detail_url(dossier),
    )


@require_POST
@login_required
def dossier_transition(request, pk):
    dossier = _dossier(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ; vui lòng tải lại trang."))
        return redirect("dossiers:detail", pk=dossier.pk)
    if form.cleaned_data["version"] != dossier.version:
        messages.error(request, _("Hồ sơ vừa được cập nhật (có thể do bấm hai lần). Vui lòng xem lại rồi thao tác tiếp."))
        return redirect("dossiers:detail", pk=dossier.pk)
    return post_action(
        request,
        lambda: services.dossier_transition(dossier, to=form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"]),
        success=lambda moved: _("Hồ sơ đã chuyển sang: %(status)s.") % {"status": moved.get_status_display()},
        redirect_to=_detail_url(dossier),
    )


@require_POST
@login_required
def nominee_appraise(request, pk, nominee_pk):
    dossier = _dossier(request, pk)
    nominee = visible_or_404(request, dossier.nominees.all(), pk=nominee_pk)
    back = _detail_url(dossier, f"nominee-{nominee.pk}")
    form = AppraisalForm(request.POST)
    if not form.is_valid():
        return redirect(back)
    return post_action(
        request, lambda: services.nominee_appraise(by=request.user, nominee=nominee, **form.cleaned_data), redirect_to=back
    )


@require_POST
@login_required
def nominee_override(request, pk, nominee_pk):
    """The office overrides a result, explicitly and with a reason (results come from the ballot)."""
    dossier = _dossier(request, pk)
    nominee = visible_or_404(request, dossier.nominees.all(), pk=nominee_pk)
    back = _detail_url(dossier, f"nominee-{nominee.pk}")
    form = OutcomeOverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi đè kết quả cần chọn kết quả và ghi rõ lý do."))
        return redirect(back)
    return post_action(
        request,
        lambda: services.nominee_outcome_override(by=request.user, nominee=nominee, **form.cleaned_data),
        redirect_to=back,
        success=_("Đã ghi đè kết quả của %(name)s.") % {"name": nominee.full_name},
    )


# --- Rounds --------------------------------------------------------------------------------------


@login_required
def round_list(request):
    rounds = AwardRound.objects.annotate(dossier_count=Count("dossiers")).order_by("-year", "-is_open", "name")
    return render(
        request,
        "dossiers/round_list.html",
        {
            "rounds": rounds,
            "can_manage": request.user.has_perm("dossiers.process_dossier"),
        },
    )


@login_required
def round_edit(request, round_pk=None):
    if round_pk:
        scope_or_404(request, "dossiers.process_dossier")
    allowed_or_403(request, "dossiers.process_dossier")
    award_round = visible_or_404(request, AwardRound, pk=round_pk) if round_pk else None
    form = AwardRoundForm(request.POST or None, instance=award_round)
    return form_action(
        request,
        form,
        lambda data: services.award_round_save(by=request.user, award_round=award_round, **data),
        success=lambda _saved: _("Đã lưu đợt xét %(name)s.") % {"name": form.cleaned_data["name"]},
        redirect_to=reverse("dossiers:rounds"),
        render=lambda: render(request, "dossiers/round_form.html", {"form": form, "award_round": award_round}),
    )


# --- The ledger ----------------------------------------------------------------------------------


@login_required
def person_detail(request, person_pk):
    scope_or_404(request, "dossiers.view_ledger")
    person = visible_or_404(request, Person.objects.select_related("unit", "merged_into"), pk=person_pk)
    nominations = person.nominations.select_related("dossier", "dossier__round", "award").order_by("-dossier__round__year")
    return render(
        request,
        "dossiers/person_detail.html",
        {
            "person": person,
            "records": selectors.ledger_of_person(person),
            "nominations": nominations,
        },
    )


@login_required
def unit_ledger(request, unit_pk):
    unit = visible_or_404(request, units_visible_to, pk=unit_pk)
    return render(request, "dossiers/unit_ledger.html", {"unit": unit, "records": selectors.ledger_of_unit(unit)})


@permission_required("dossiers.process_dossier", raise_exception=True)
def duplicates(request):
    if request.method == "POST":
        keep = visible_or_404(request, Person, pk=request.POST.get("keep"))
        duplicate = visible_or_404(request, Person, pk=request.POST.get("duplicate"))
        return post_action(
            request,
            lambda: services.person_merge(by=request.user, keep=keep, duplicate=duplicate),
            success=_("Đã gộp %(dup)s vào %(keep)s.") % {"dup": duplicate, "keep": keep},
            redirect_to=reverse("dossiers:duplicates"),
        )
    return render(request, "dossiers/duplicates.html", {"groups": selectors.likely_duplicate_people()})
