from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from rules.contrib.views import permission_required

from accounts.enums import Role
from clusters.models import Unit
from clusters.selectors import units_visible_to
from core.files import protected_file
from core.forms import apply_validation_error
from core.forms import errors_to_messages as _errors_to_messages
from core.models import AuditEntry
from core.services import ConcurrentEditError

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
    try:
        return selectors.dossier_for_detail(viewer=request.user, pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


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
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                by=request.user,
                unit=form.cleaned_data["unit"],
                award_round=form.cleaned_data["award_round"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã tạo hồ sơ nháp. Hãy thêm người, tập thể được đề nghị và tệp đính kèm."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/create.html", {"form": form})


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
    history = AuditEntry.objects.filter(
        content_type__app_label="dossiers", content_type__model="dossier", object_id=str(dossier.pk)
    ).select_related("actor")[:100]
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
    if not request.user.has_perm("dossiers.change_dossier", dossier):
        raise PermissionDenied
    return dossier


@login_required
def nominee_edit(request, pk, nominee_pk=None):
    dossier = _editable_dossier(request, pk)
    nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier) if nominee_pk else None
    subject = nominee.subject if nominee else request.GET.get("subject", Subject.INDIVIDUAL)
    if subject not in Subject.values:
        raise Http404
    form = NomineeForm(request.POST or None, instance=nominee, subject=subject, dossier_version=dossier.version)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.nominee_save(
                by=request.user,
                dossier=dossier,
                nominee=nominee,
                expected_version=form.cleaned_data["version"],
                subject=subject,
                **data,
            )
        except (ConcurrentEditError, ValidationError) as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": data["full_name"]})
            if "save_add" in request.POST:
                return redirect(f"{request.path}?subject={subject}" if not nominee else request.path)
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(
        request,
        "dossiers/nominee_form.html",
        {
            "dossier": dossier,
            "form": form,
            "nominee": nominee,
            "subject_label": Subject(subject).label,
        },
    )


@require_POST
@login_required
def nominee_delete(request, pk, nominee_pk):
    dossier = _editable_dossier(request, pk)
    nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier)
    services.nominee_delete(by=request.user, nominee=nominee)
    messages.success(request, _("Đã xóa %(name)s khỏi hồ sơ.") % {"name": nominee.full_name})
    return redirect("dossiers:detail", pk=dossier.pk)


@require_POST
@login_required
def attachment_upload(request, pk):
    dossier = _editable_dossier(request, pk)
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                by=request.user,
                dossier=dossier,
                component=form.cleaned_data["component"],
                upload=form.cleaned_data["file"],
                nominee=form.cleaned_data["nominee"],
            )
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Đã tải lên %(name)s.") % {"name": attachment.original_name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_detail_url(dossier, "tep-dinh-kem"))


@login_required
def attachment_download(request, pk, attachment_pk):
    """Files are served only here, after the dossier's permission check; never from MEDIA_URL."""
    dossier = _dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    return protected_file(attachment.file, attachment.original_name, attachment.content_type)


@require_POST
@login_required
def attachment_delete(request, pk, attachment_pk):
    dossier = _editable_dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    services.attachment_delete(by=request.user, attachment=attachment)
    messages.success(request, _("Đã xóa tệp %(name)s.") % {"name": attachment.original_name})
    return redirect("dossiers:detail", pk=dossier.pk)


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
    try:
        services.dossier_transition(dossier, to=form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("Hồ sơ đã chuyển sang: %(status)s.") % {"status": dossier.get_status_display()})
    return redirect("dossiers:detail", pk=dossier.pk)


@require_POST
@login_required
def nominee_appraise(request, pk, nominee_pk):
    dossier = _dossier(request, pk)
    nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier)
    form = AppraisalForm(request.POST)
    if form.is_valid():
        try:
            services.nominee_appraise(by=request.user, nominee=nominee, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_messages(request, exc)
    return redirect(_detail_url(dossier, f"nominee-{nominee.pk}"))


@require_POST
@login_required
def nominee_override(request, pk, nominee_pk):
    """The office overrides a result, explicitly and with a reason (results come from the ballot)."""
    dossier = _dossier(request, pk)
    nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier)
    form = OutcomeOverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi đè kết quả cần chọn kết quả và ghi rõ lý do."))
    else:
        try:
            services.nominee_outcome_override(by=request.user, nominee=nominee, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Đã ghi đè kết quả của %(name)s.") % {"name": nominee.full_name})
    return redirect(_detail_url(dossier, f"nominee-{nominee.pk}"))


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


@permission_required("dossiers.process_dossier", raise_exception=True)
def round_edit(request, round_pk=None):
    award_round = get_object_or_404(AwardRound, pk=round_pk) if round_pk else None
    form = AwardRoundForm(request.POST or None, instance=award_round)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_round_save(by=request.user, award_round=award_round, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã lưu đợt xét %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("dossiers:rounds")
    return render(request, "dossiers/round_form.html", {"form": form, "award_round": award_round})


# --- The ledger ----------------------------------------------------------------------------------


@permission_required("dossiers.view_ledger", raise_exception=True)
def person_detail(request, person_pk):
    person = get_object_or_404(Person.objects.select_related("unit", "merged_into"), pk=person_pk)
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
    unit = get_object_or_404(units_visible_to(viewer=request.user), pk=unit_pk)
    return render(request, "dossiers/unit_ledger.html", {"unit": unit, "records": selectors.ledger_of_unit(unit)})


@permission_required("dossiers.process_dossier", raise_exception=True)
def duplicates(request):
    if request.method == "POST":
        keep = get_object_or_404(Person, pk=request.POST.get("keep"))
        duplicate = get_object_or_404(Person, pk=request.POST.get("duplicate"))
        try:
            services.person_merge(by=request.user, keep=keep, duplicate=duplicate)
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Đã gộp %(dup)s vào %(keep)s.") % {"dup": duplicate, "keep": keep})
        return redirect("dossiers:duplicates")
    return render(request, "dossiers/duplicates.html", {"groups": selectors.likely_duplicate_people()})
