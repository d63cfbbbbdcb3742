import datetime
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from accounts.enums import Role
from core.actions import NOT_ALLOWED, allowed_or_403, form_action, post_action, scope_required, visible_or_404
from core.files import protected_file as _file_response
from core.selectors import audit_history
from core.services import audit_record, save_with_version
from core.text import normalize_text
from notifications.models import MessageTemplate
from units.models import Unit

from . import reminders, selectors, services
from .enums import STILL_OWED, BoardState, CampaignKind, ExemplaryStatus, Receiver, SubmissionStatus
from .forms import (
    CampaignForm,
    CampaignRegisterForm,
    ExemplaryForm,
    ExemplaryReviewForm,
    JoinForm,
    MessageTemplateForm,
    MilestoneForm,
    PlanForm,
    PlanTaskForm,
    ReminderSettingsForm,
    ReportChainForm,
    RequestForm,
    ReviewForm,
    TaskDoneForm,
    UploadForm,
)
from .ical import calendar as ical_calendar
from .messages import MESSAGE_TEMPLATES
from .models import (
    AnnualPlan,
    CalendarFeed,
    Campaign,
    ExemplaryModel,
    PlanTask,
    Reminder,
    ReminderSettings,
    RequestRecipient,
    ScanRun,
    Submission,
)


def _clerk_units(user):
    return Unit.objects.filter(pk__in=user.unit_ids(Role.UNIT_CLERK)).order_by("name")


def post_from(page: str, *keep: str):
    """An action posted from a page (a row's form on a list or a detail page). A refused POST renders
    that page again with the user's input, at the action's address; a link followed from there, or a
    GET of the address, goes back to the page (with its query string) instead of a 405."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            if request.method == "POST":
                return view(request, **kwargs)
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["POST"])
            query = request.GET.urlencode()
            return redirect(reverse(page, kwargs={name: kwargs[name] for name in keep}) + (f"?{query}" if query else ""))

        return wrapper

    return decorator


def _refused(request, form, *, shown: tuple[str, ...] = ()) -> list[str]:
    """A refused form embedded in a page (core.actions.form_action has put the refusal on it): every
    error is returned to be printed beside the form (the row it belongs to); those not tied to a field
    the page shows (`shown`: a version conflict, a hidden field) also go to the top of the page. The form
    keeps what the user typed."""
    beside = []
    for name, errors in form.errors.items():
        beside.extend(errors)
        if name not in shown:
            for error in errors:
                messages.error(request, error)
    return beside


# --- Campaigns -----------------------------------------------------------------------------------


@permission_required("campaigns.view_campaigns", raise_exception=True)
def campaign_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in CampaignKind.values else ""
    q = normalize_text(request.GET.get("q", ""))
    page = Paginator(selectors.campaigns_for_list(kind=kind, q=q), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "page_obj": page,
            "kinds": CampaignKind.choices,
            "kind": kind,
            "q": q,
            "can_add": request.user.has_perm("campaigns.add_campaign"),
            "section": "campaigns",
        },
    )


def _campaign(pk) -> Campaign:
    try:
        return selectors.campaign_for_detail(pk=pk)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


@scope_required("campaigns.view_campaigns")
def campaign_detail(request, pk):
    return _campaign_page(request, _campaign(pk))


def _campaign_page(request, campaign, *, join_form=None, register_form=None):
    """The campaign's page; after a refused registration or join, with that form as the user filled it."""
    user = request.user
    registrations = list(selectors.registrations_of(campaign))
    clerk_units = _clerk_units(user)
    joined = {r.unit_id: r for r in registrations}
    if join_form is None:
        join_form = JoinForm(units=clerk_units, registrations=[joined[u.pk] for u in clerk_units if u.pk in joined])
        if clerk_units.count() == 1 and clerk_units.first().pk in joined:
            join_form.initial["targets"] = joined[clerk_units.first().pk].targets
    history = audit_history(campaign)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "milestones": list(campaign.milestones.all()),
            "registrations": registrations,
            "rounds": list(campaign.award_rounds.order_by("-year", "name")),
            "requests": list(selectors.requests_visible_to(viewer=user).filter(campaign=campaign).order_by("-due_date")),
            "can_edit": user.has_perm("campaigns.change_campaign", campaign),
            "can_register": user.has_perm("campaigns.register_campaign", campaign),
            "register_form": register_form
            or CampaignRegisterForm(
                initial={
                    "number": campaign.registration_number,
                    "date": campaign.registration_date or timezone.localdate(),
                    "version": campaign.version,
                }
            ),
            "join_form": join_form if clerk_units.exists() else None,
            "milestone_form": MilestoneForm(),
            "history": history,
            "section": "campaigns",
        },
    )


@login_required
def campaign_edit(request, pk=None):
    campaign = visible_or_404(request, Campaign, pk=pk) if pk else None
    user = request.user
    if campaign:
        allowed_or_403(request, "campaigns.change_campaign", campaign)
    else:
        allowed_or_403(request, "campaigns.add_campaign")
    owners = Unit.objects.active().order_by("sort_order", "name") if user.has_role(Role.OFFICE_STAFF) else _clerk_units(user)
    form = CampaignForm(request.POST or None, instance=campaign, owners=owners)
    return form_action(
        request,
        form,
        lambda data: services.campaign_save(by=user, campaign=campaign, expected_version=data.pop("version", None), **data),
        success=lambda saved: _("Đã lưu phong trào “%(name)s”.") % {"name": saved.name},
        redirect_to=lambda saved: reverse("campaigns:campaign_detail", args=[saved.pk]),
        render=lambda: render(
            request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "section": "campaigns"}
        ),
    )


@post_from("campaigns:campaign_detail", "pk")
@login_required
def campaign_register(request, pk):
    campaign = _campaign(pk)
    if not request.user.has_perm("campaigns.register_campaign", campaign):
        raise PermissionDenied
    form = CampaignRegisterForm(request.POST)

    def refused():
        _refused(request, form, shown=("number", "date"))
        return _campaign_page(request, _campaign(pk), register_form=form)  # as it stands now, the form beside it

    return form_action(
        request,
        form,
        lambda data: services.campaign_register(
            by=request.user, campaign=campaign, number=data["number"], date=data["date"], expected_version=data["version"]
        ),
        success=lambda _registered: (
            _("Đã ghi đăng ký số %(n)s ngày %(d)s.")
            % {"n": campaign.registration_number, "d": f"{campaign.registration_date:%d/%m/%Y}"}
        ),
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]),
        render=refused,
    )


@post_from("campaigns:campaign_detail", "pk")
@login_required
def campaign_join(request, pk):
    campaign = _campaign(pk)
    form = JoinForm(request.POST, units=_clerk_units(request.user))
    if not form.is_valid() and "unit" in form.errors and form.data.get("unit"):  # not a unit this person is the clerk of
        raise PermissionDenied(NOT_ALLOWED)

    def refused():
        _refused(request, form, shown=("unit", "targets"))
        return _campaign_page(request, campaign, join_form=form)

    return form_action(
        request,
        form,
        lambda data: services.campaign_join(
            by=request.user,
            campaign=campaign,
            unit=data["unit"],
            targets=data["targets"],
            expected_version=form.expected_version(),
        ),
        success=lambda _joined: _("%(unit)s đã đăng ký tham gia phong trào.") % {"unit": form.cleaned_data["unit"].name},
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]) + "#don-vi-tham-gia",
        render=refused,
    )


@login_required
def milestone_edit(request, pk, milestone_pk=None):
    campaign = visible_or_404(request, Campaign, pk=pk)
    allowed_or_403(request, "campaigns.change_campaign", campaign)
    milestone = visible_or_404(request, campaign.milestones.all(), pk=milestone_pk) if milestone_pk else None
    form = MilestoneForm(request.POST or None, instance=milestone)
    return form_action(
        request,
        form,
        lambda data: services.milestone_save(
            by=request.user, campaign=campaign, milestone=milestone, expected_version=data["version"], **form.data_for_service()
        ),
        success=lambda _saved: _("Đã lưu mốc “%(t)s”.") % {"t": form.cleaned_data["title"]},
        redirect_to=reverse("campaigns:campaign_detail", args=[campaign.pk]),
        render=lambda: render(
            request,
            "campaigns/milestone_form.html",
            {"form": form, "campaign": campaign, "milestone": milestone, "section": "campaigns"},
        ),
    )


# --- The annual plan -----------------------------------------------------------------------------


@permission_required("campaigns.view_plan", raise_exception=True)
def plan_list(request):
    plans = list(selectors.plans_for_list())
    if len(plans) == 1 or (plans and request.GET.get("mo") != "tat-ca" and plans[0].year >= timezone.localdate().year):
        return redirect("campaigns:plan_detail", year=plans[0].year)
    return render(
        request,
        "campaigns/plan_list.html",
        {"plans": plans, "can_manage": request.user.has_perm("campaigns.manage_plan"), "section": "plan"},
    )


@permission_required("campaigns.view_plan", raise_exception=True)
def plan_detail(request, year):
    return _plan_page(request, get_object_or_404(AnnualPlan, year=year))


def _plan_page(request, plan, *, failed: PlanTask | None = None, form=None, errors=()):
    """The plan's page; after a refused tick, that task's form as the user filled it."""
    quarters = selectors.plan_tasks_by_quarter(plan)
    tasks = [t for _v, _l, group in quarters for t in group]
    for task in tasks:
        # The refused task keeps the form the user sent (with the typed result) even if it was ticked meanwhile.
        refused = failed is not None and task.pk == failed.pk
        task.mark_version = form["version"].value() if refused else task.version
        task.mark_note = (form["note"].value() or "") if refused else ""
        task.mark_errors = errors if refused else ()
        task.mark_asks_result = bool(form["done"].value()) if refused else not task.is_done
    today = timezone.localdate()
    return render(
        request,
        "campaigns/plan_detail.html",
        {
            "plan": plan,
            "quarters": quarters,
            "done_count": sum(1 for t in tasks if t.is_done),
            "overdue_count": sum(1 for t in tasks if not t.is_done and t.due_date < today),
            "task_count": len(tasks),
            "today": today,
            "other_years": list(AnnualPlan.objects.exclude(pk=plan.pk).values_list("year", flat=True)),
            "can_manage": request.user.has_perm("campaigns.manage_plan"),
            "section": "plan",
        },
    )


@permission_required("campaigns.manage_plan", raise_exception=True)
def plan_edit(request, year=None):
    plan = visible_or_404(request, AnnualPlan, year=year) if year else None
    form = PlanForm(request.POST or None, instance=plan)
    return form_action(
        request,
        form,
        lambda data: services.plan_save(by=request.user, plan=plan, expected_version=data["version"], **form.data_for_service()),
        success=lambda saved: _("Đã lưu %(t)s.") % {"t": saved.title},
        redirect_to=lambda saved: reverse("campaigns:plan_detail", args=[saved.year]),
        render=lambda: render(request, "campaigns/plan_form.html", {"form": form, "plan": plan, "section": "plan"}),
    )


@scope_required("campaigns.manage_plan")
def plan_task_edit(request, year, task_pk=None):
    plan = visible_or_404(request, AnnualPlan, year=year)
    task = visible_or_404(request, plan.tasks.all(), pk=task_pk) if task_pk else None
    form = PlanTaskForm(request.POST or None, instance=task)
    return form_action(
        request,
        form,
        lambda data: services.plan_task_save(
            by=request.user, plan=plan, task=task, expected_version=data["version"], **form.data_for_service()
        ),
        success=lambda saved: _("Đã lưu nhiệm vụ %(n)s.") % {"n": saved.number},
        redirect_to=lambda saved: reverse("campaigns:plan_detail", args=[plan.year]) + f"#nhiem-vu-{saved.number}",
        render=lambda: render(
            request, "campaigns/plan_task_form.html", {"form": form, "plan": plan, "task": task, "section": "plan"}
        ),
    )


@post_from("campaigns:plan_detail", "year")
@scope_required("campaigns.manage_plan")
def plan_task_mark(request, year, task_pk):
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=task_pk, plan__year=year)
    form = TaskDoneForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.plan_task_mark(
            by=request.user, task=task, done=data["done"], note=data["note"], expected_version=data["version"]
        ),
        success=lambda _marked: (
            (_("Đã đánh dấu hoàn thành nhiệm vụ %(n)s.") if task.is_done else _("Đã mở lại nhiệm vụ %(n)s.")) % {"n": task.number}
        ),
        redirect_to=reverse("campaigns:plan_detail", args=[year]) + f"#nhiem-vu-{task.number}",
        render=lambda: _plan_page(request, task.plan, failed=task, form=form, errors=_refused(request, form, shown=("note",))),
    )


# --- Submission requests -------------------------------------------------------------------------


@permission_required("campaigns.view_requests", raise_exception=True)
def request_list(request):
    state = request.GET.get("trang-thai", "open")
    state = state if state in ("open", "closed", "all") else "open"
    rows = selectors.requests_for_list(viewer=request.user, state=state)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    sees_all = selectors.sees_everything(request.user)
    for r in page:
        owes = r.owed_count > 0 if sees_all else getattr(r, "my_status", None) in STILL_OWED
        r.is_overdue = r.closed_at is None and r.due_date < today and owes
        r.submitted_count = r.recipient_count - r.owed_count
        r.my_status_label = SubmissionStatus(r.my_status).label if getattr(r, "my_status", None) else ""
    return render(
        request,
        "campaigns/request_list.html",
        {
            "page_obj": page,
            "state": state,
            "sees_all": sees_all,
            "can_manage": request.user.has_perm("campaigns.manage_requests"),
            "today": today,
            "section": "requests",
        },
    )


@permission_required("campaigns.manage_requests", raise_exception=True)
def request_create(request):
    form = RequestForm(request.POST or None)

    def create(data):
        return services.request_create(
            by=request.user,
            title=data["title"],
            document_kind=data["document_kind"],
            description=data["description"],
            recipient_mode=data["recipient_mode"],
            recipient_kinds=data["recipient_kinds"],
            units=list(data["units"]),
            groups=list(data["groups"]),
            receiver=data["receiver"] or Receiver.OFFICE,
            issued_on=data["issued_on"],
            due_mode=data["due_mode"],
            due_date=data["due_date"],
            due_days=data["due_days"],
            document_number=data["document_number"],
            campaign=data["campaign"],
            outline=data["outline"],
        )

    return form_action(
        request,
        form,
        create,
        success=lambda created: (
            _("Đã gửi yêu cầu “%(t)s” đến %(n)s đơn vị, hạn nộp %(d)s.")
            % {"t": created.title, "n": created.recipients.count(), "d": f"{created.due_date:%d/%m/%Y}"}
        ),
        redirect_to=lambda created: reverse("campaigns:request_detail", args=[created.pk]),
        render=lambda: render(request, "campaigns/request_form.html", {"form": form, "section": "requests"}),
    )


@permission_required("campaigns.manage_requests", raise_exception=True)
def report_chain_create(request):
    """The mid-year or year-end report through the clusters and blocs: members → head → office."""
    from clusters.selectors import group_years

    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    form = ReportChainForm(request.POST or None, year=year)

    def create(data):
        return services.report_chain_create(
            by=request.user,
            year=year,
            kind=data["kind"],
            groups=list(data["groups"]),
            member_due=data["member_due"],
            head_due=data["head_due"],
            title=data["title"],
            issued_on=data["issued_on"],
            document_number=data["document_number"],
            description=data["description"],
            outline=data["outline"],
        )

    def said(chain):
        members, heads = chain
        return _(
            "Đã yêu cầu %(members)s đơn vị thành viên gửi báo cáo cho trưởng cụm, khối trước %(member_due)s "
            "và %(heads)s trưởng cụm, khối gửi báo cáo tổng hợp trước %(head_due)s."
        ) % {
            "members": members.recipients.count(),
            "member_due": f"{members.due_date:%d/%m/%Y}",
            "heads": heads.recipients.count(),
            "head_due": f"{heads.due_date:%d/%m/%Y}",
        }

    return form_action(
        request,
        form,
        create,
        success=said,
        redirect_to=lambda chain: reverse("campaigns:request_detail", args=[chain[0].pk]),
        render=lambda: render(
            request,
            "campaigns/report_chain_form.html",
            {"form": form, "year": year, "years": sorted(set(group_years()) | {year}, reverse=True), "section": "requests"},
        ),
    )


@login_required
def group_reports(request, pk):
    """The report status of one cluster or bloc, for its page (loaded there with HTMX; a page of its
    own without). Rows are scoped by the selector; a user who may not see the group gets 404."""
    from clusters.selectors import groups_visible_to

    user = request.user
    if not user.has_perm("campaigns.view_requests"):
        raise Http404
    group = get_object_or_404(groups_visible_to(viewer=user).select_related("head"), pk=pk)
    if not user.has_perm("clusters.view_group", group):
        raise Http404
    rounds = selectors.group_reports(group=group, viewer=user)
    for row in (r for round_ in rounds for r in [*round_.rows, round_.head_row] if r is not None):
        req = row.request
        is_open = req.closed_at is None
        waiting, owed = row.status == SubmissionStatus.SUBMITTED, row.status in STILL_OWED
        row.can_review = is_open and waiting and user.has_perm("campaigns.review_submission", row)
        row.can_upload = is_open and owed and req.viewer_may_open and user.has_perm("campaigns.submit_document", row)
        row.can_download = req.viewer_may_open and user.has_perm("campaigns.view_recipient", row)
    sees_all = selectors.sees_everything(user)
    template = "campaigns/_group_reports.html" if request.headers.get("HX-Request") else "campaigns/group_reports.html"
    return render(
        request,
        template,
        {
            "group": group,
            "rounds": rounds,
            "sees_all": sees_all,
            "sees_members": sees_all or group.head_id in selectors.unit_ids_of(user),
            "can_manage": user.has_perm("campaigns.manage_requests"),
            "today": timezone.localdate(),
            "section": "requests",
        },
    )


def _request(request, pk):
    try:
        return selectors.request_for_detail(viewer=request.user, pk=pk)
    except Exception as exc:  # DoesNotExist: a request the user may not see does not exist for them
        raise Http404 from exc


@login_required
def request_letter(request, pk):
    """The Công văn asking the units for the document. Once numbered from the register it is the PDF
    stored then (byte for byte, its SHA-256 recorded), for everyone who may see the request; before,
    a draft without a number rendered from the live request, for the office only."""
    from documents.render import render_pdf

    from .letters import letter_dict

    if not request.user.has_perm("campaigns.view_requests"):
        raise Http404
    req = _request(request, pk)
    if req.letter_frozen:
        return _file_response(
            req.letter_pdf, f"cong-van-{req.document_number.replace('/', '-')}.pdf", "application/pdf", inline=True
        )
    if not request.user.has_perm("campaigns.manage_requests"):
        raise PermissionDenied
    # A draft, or a letter numbered by hand when the request was made (not from the register): live.
    response = HttpResponse(render_pdf("documents/letter.html", letter_dict(req)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cong-van-{req.pk}.pdf"'
    return response


@require_POST
@scope_required("campaigns.manage_requests")
def request_letter_number(request, pk):
    """Take the next công văn number from the register and freeze the letter (once; a second click
    keeps the number and the stored file)."""
    from .letters import letter_number_assign

    req = _request(request, pk)
    return post_action(
        request,
        lambda: letter_number_assign(by=request.user, req=req),
        success=lambda numbered: _("Công văn đã có số %(n)s.") % {"n": numbered.document_number},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )


@scope_required("campaigns.view_requests")
def request_detail(request, pk):
    return _request_page(request, _request(request, pk))


def _request_page(request, req, *, failed_pk: int | None = None, upload_form=None, review_form=None, errors=()):
    """The request's board; after a refused upload or review, that row's form as the user filled it."""
    user = request.user
    sees_all = selectors.sees_everything(user)
    rows = selectors.board_rows(req, unit_ids=selectors.board_unit_ids(req, viewer=user))
    counts = selectors.board_counts(rows)
    state = request.GET.get("loc", "")
    shown = [r for r in rows if r.board_state == state] if state in BoardState.values else rows
    clerk_units = user.unit_ids(Role.UNIT_CLERK)
    for row in rows:
        row.can_upload = row.unit_id in clerk_units and req.closed_at is None and row.status != SubmissionStatus.ACCEPTED
        row.request = req  # the review rule reads the request's receiver
        row.can_review = req.closed_at is None and user.has_perm("campaigns.review_submission", row)
        # The refused row keeps its form (with what was typed) even if its state changed meanwhile.
        row.upload_refused = row.pk == failed_pk and upload_form is not None
        row.review_refused = row.pk == failed_pk and review_form is not None
        # A form per row that may upload: each carries its own one-time token (OnceFormMixin).
        row.upload_form = upload_form if row.upload_refused else (UploadForm() if row.can_upload else None)
        row.review_version = review_form["version"].value() if row.review_refused else row.version
        row.review_reason = (review_form["reason"].value() or "") if row.review_refused else ""
        row.form_errors = errors if row.pk == failed_pk else ()
    after = list(req.next_steps.order_by("due_date", "pk"))
    linked = [r.pk for r in [req.follows, *after] if r is not None]
    visible = set(selectors.requests_visible_to(viewer=user).filter(pk__in=linked).values_list("pk", flat=True))
    own_files = {}
    if not sees_all:
        for submission in Submission.objects.filter(recipient__in=rows).select_related("uploaded_by").order_by("-uploaded_at"):
            own_files.setdefault(submission.recipient_id, []).append(submission)
        for row in rows:
            row.files = own_files.get(row.pk, [])
    return render(
        request,
        "campaigns/request_detail.html",
        {
            "req": req,
            "chain_before": req.follows if req.follows_id in visible else None,
            "chain_after": [r for r in after if r.pk in visible],
            "rows": shown,
            "reviews_any": any(r.can_review for r in rows),
            "all_rows": rows,
            "counts": counts,
            "states": BoardState.choices,
            "state": state,
            "owed_count": counts[BoardState.MISSING] + counts[BoardState.RETURNED],
            "sees_all": sees_all,
            "can_manage": user.has_perm("campaigns.manage_requests"),
            "today": timezone.localdate(),
            "section": "requests",
        },
    )


@post_from("campaigns:request_detail", "pk")
@login_required
def submission_upload(request, pk, recipient_pk):
    req = _request(request, pk)
    recipient = get_object_or_404(RequestRecipient, pk=recipient_pk, request=req)
    if not request.user.has_perm("campaigns.submit_document", recipient):
        raise Http404
    form = UploadForm(request.POST, request.FILES)

    def upload(data):
        try:
            return services.submission_upload(by=request.user, recipient=recipient, upload=data["file"], note=data["note"])
        except ValidationError as exc:
            # A refusal of this upload (the file's content, a closed request) is shown beside the file.
            raise (exc if hasattr(exc, "error_dict") else ValidationError({"file": exc.messages})) from None

    def refused():
        _refused(request, form, shown=("file", "note"))
        if form.errors and "file" not in form.errors:
            form.add_error("file", _("Chọn lại tệp trước khi nộp (trình duyệt không giữ tệp đã chọn)."))
        return _request_page(request, req, failed_pk=recipient.pk, upload_form=form)

    return form_action(
        request,
        form,
        upload,
        success=lambda submission: _("Đã nộp %(name)s.") % {"name": submission.original_name},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
        render=refused,
    )


@post_from("campaigns:request_detail", "pk")
@login_required
def submission_review(request, pk, recipient_pk):
    """The receiver accepts or returns: the office, or the cluster head for its members (checked in the service)."""
    req = _request(request, pk)
    recipient = get_object_or_404(RequestRecipient.objects.select_related("unit", "group"), pk=recipient_pk, request=req)
    form = ReviewForm(request.POST)

    def review(data):
        if data["decision"] == "accept":
            services.submission_accept(by=request.user, recipient=recipient, expected_version=data["version"])
            return _("Đã chấp nhận văn bản của %(unit)s.") % {"unit": recipient.unit.name}
        services.submission_return(by=request.user, recipient=recipient, reason=data["reason"], expected_version=data["version"])
        return _("Đã trả lại văn bản cho %(unit)s.") % {"unit": recipient.unit.name}

    return form_action(
        request,
        form,
        review,
        success=lambda said: said,
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]) + f"#dv-{recipient.pk}",
        render=lambda: _request_page(
            request, req, failed_pk=recipient.pk, review_form=form, errors=_refused(request, form, shown=("reason",))
        ),
    )


@require_POST
@scope_required("campaigns.manage_requests")
def request_remind(request, pk):
    req = _request(request, pk)
    only = request.POST.get("recipient")
    return post_action(
        request,
        lambda: _remind_said(
            request,
            reminders.reminder_send_manual(
                by=request.user, request=req, recipient_ids=[int(only)] if only and only.isdigit() else None
            ),
        ),
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )


def _remind_said(request, result):
    if result["reminded"]:
        messages.success(request, _("Đã nhắc %(n)s đơn vị chưa nộp.") % {"n": result["reminded"]})
    if result["already"]:
        messages.info(request, _("%(n)s đơn vị đã được nhắc hôm nay, không nhắc lại.") % {"n": result["already"]})
    if result["unreachable"]:
        messages.warning(
            request,
            _("%(n)s đơn vị chưa có cán bộ phụ trách và thư điện tử: không nhắc được qua Cổng.") % {"n": result["unreachable"]},
        )
    if not any(result.values()):
        messages.info(request, _("Không còn đơn vị nào phải nhắc."))
    return result


@require_POST
@scope_required("campaigns.manage_requests")
def request_close(request, pk):
    req = _request(request, pk)
    return post_action(
        request,
        lambda: services.request_close(by=request.user, request=req),
        success=_("Đã kết thúc theo dõi “%(t)s”: không nhắc thêm.") % {"t": req.title},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )


@login_required
def submission_download(request, pk, submission_pk):
    req = _request(request, pk)
    submission = get_object_or_404(Submission.objects.select_related("recipient"), pk=submission_pk, recipient__request=req)
    if not request.user.has_perm("campaigns.view_recipient", submission.recipient):
        raise Http404
    return _file_response(submission.file, submission.original_name, submission.content_type)


# --- Calendar and iCalendar feed -----------------------------------------------------------------

CALENDAR_PAST = datetime.timedelta(days=60)
CALENDAR_AHEAD = datetime.timedelta(days=180)
FEED_AHEAD = datetime.timedelta(days=366)


@login_required
def calendar(request):
    today = timezone.localdate()
    entries = selectors.calendar_entries(viewer=request.user, start=today - CALENDAR_PAST, end=today + CALENDAR_AHEAD)
    overdue = [e for e in entries if e.overdue(today)]
    upcoming = [e for e in entries if e.date >= today]
    months: list[tuple[str, list]] = []
    for entry in upcoming:
        label = _("Tháng %(m)s/%(y)s") % {"m": f"{entry.date.month:02d}", "y": entry.date.year}
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(entry)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("campaigns:calendar_feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "campaigns/calendar.html",
        {"overdue": overdue, "months": months, "today": today, "feed_url": feed_url, "section": "calendar"},
    )


@require_POST
@login_required
def calendar_feed_renew(request):
    had = CalendarFeed.objects.filter(user=request.user).exists()
    return post_action(
        request,
        lambda: services.calendar_feed_for(user=request.user, renew=True),
        success=_("Đã tạo đường dẫn mới; đường dẫn cũ không còn dùng được.")
        if had
        else _("Đã tạo đường dẫn lịch riêng của bạn."),
        redirect_to=reverse("campaigns:calendar") + "#lich-rieng",
    )


def calendar_feed(request, token):
    """The private iCalendar feed: no session (calendar programs cannot sign in), the secret token is
    the key. A wrong or renewed token is a 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    user = feed.user
    today = timezone.localdate()
    entries = selectors.calendar_entries(viewer=user, start=today - CALENDAR_PAST, end=today + FEED_AHEAD)
    host = urlsplit(settings.SITE_URL).hostname or "tdkt"
    events = [
        {
            "uid": entry.uid,
            "date": entry.date,
            "summary": ("✓ " if entry.done else "") + entry.title,
            "description": " · ".join(part for part in (entry.kind, entry.detail) if part),
            "url": f"{settings.SITE_URL}{entry.url}",
        }
        for entry in entries
    ]
    body = ical_calendar(
        name=_("Hạn nộp, hạn xử lý – %(name)s") % {"name": user.full_name or user.username},
        events=events,
        stamp=timezone.now(),
        host=host,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-han-tdkt.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- Reminder settings and wording ---------------------------------------------------------------


@permission_required("campaigns.configure_reminders", raise_exception=True)
def reminder_settings(request):
    config = ReminderSettings.load()
    form = ReminderSettingsForm(request.POST or None, instance=config)

    @transaction.atomic
    def save(data):
        save_with_version(config, expected_version=data["version"], fields=[name for name in form.fields if name != "version"])
        audit_record(
            actor=request.user,
            action="reminder_settings_update",
            obj=config,
            changes={name: [None, str(getattr(config, name))] for name in form.changed_data if name != "version"},
        )

    return form_action(
        request,
        form,
        save,
        success=_("Đã lưu cấu hình nhắc việc."),
        redirect_to=reverse("campaigns:reminder_settings"),
        render=lambda: _reminder_settings_page(request, form),
    )


def _reminder_settings_page(request, form):
    overrides = {t.key: t for t in MessageTemplate.objects.filter(key__in=list(MESSAGE_TEMPLATES))}
    return render(
        request,
        "campaigns/reminder_settings.html",
        {
            "form": form,
            "templates": [(key, label, key in overrides) for key, (label, _placeholders) in MESSAGE_TEMPLATES.items()],
            "runs": list(ScanRun.objects.all()[:7]),
            "recent": list(Reminder.objects.select_related("recipient")[:20]),
            "section": "reminders",
        },
    )


@scope_required("campaigns.configure_reminders")
def message_template_edit(request, key):
    if key not in MESSAGE_TEMPLATES:
        raise Http404
    label, placeholders = MESSAGE_TEMPLATES[key]
    current = MessageTemplate.objects.filter(key=key).first()
    initial = {
        "title": current.title if current else "",
        "email_body": (
            current.email_body
            if current and current.email_body
            else services.file_template_text(f"notifications/email/{key}.txt")
        ),
        "inapp_body": (
            current.inapp_body
            if current and current.inapp_body
            else services.file_template_text(f"notifications/inapp/{key}.txt")
        ),
        "stamp": services.message_template_stamp(current),
    }
    form = MessageTemplateForm(request.POST or None, initial=initial)
    stamp = request.POST.get("stamp", "")

    def page():
        return render(
            request,
            "campaigns/message_template_form.html",
            {"form": form, "key": key, "label": label, "placeholders": placeholders, "current": current, "section": "reminders"},
        )

    if request.method == "POST" and "restore" in request.POST:

        def restore_refused(_exc):
            form.is_valid()  # the restore button skips validation: the form still shows what was typed
            return page()  # the refusal is the message at the top

        return post_action(
            request,
            lambda: services.message_template_restore(by=request.user, key=key, expected_stamp=stamp),
            success=_("Đã khôi phục mẫu gốc."),
            redirect_to=reverse("campaigns:message_template_edit", args=[key]),
            on_refusal=restore_refused,
        )
    return form_action(
        request,
        form,
        lambda data: services.message_template_save(
            by=request.user,
            key=key,
            title=data["title"],
            email_body=data["email_body"],
            inapp_body=data["inapp_body"],
            expected_stamp=stamp,
        ),
        success=_("Đã lưu mẫu “%(label)s”.") % {"label": label},
        redirect_to=reverse("campaigns:reminder_settings"),
        render=page,
    )


# --- Exemplary models ----------------------------------------------------------------------------


@login_required
def exemplary_list(request):
    return _exemplary_page(request)


def _exemplary_page(request, *, failed_pk: int | None = None, review_form=None, errors=()):
    """The exemplary models; after a refused review, that item's form as the reviewer filled it."""
    user = request.user
    reviewer = user.has_perm("campaigns.review_exemplary")
    mine = selectors.exemplary_visible_to(viewer=user).exclude(status=ExemplaryStatus.PUBLISHED) if not reviewer else None
    waiting = (
        selectors.exemplary_visible_to(viewer=user).filter(status=ExemplaryStatus.SUBMITTED).order_by("submitted_at")
        if reviewer
        else None
    )
    published = Paginator(selectors.exemplary_published(), 20).get_page(request.GET.get("page"))
    waiting_rows = list(waiting[:50]) if waiting is not None else []
    if review_form is not None and failed_pk not in {item.pk for item in waiting_rows}:
        # Reviewed by someone else meanwhile: keep it in the list, with its new state and the typed note.
        waiting_rows.insert(0, selectors.exemplary_visible_to(viewer=user).select_related("unit").get(pk=failed_pk))
    for item in waiting_rows:
        refused = review_form is not None and item.pk == failed_pk
        item.review_version = review_form["version"].value() if refused else item.version
        item.review_note = (review_form["note"].value() or "") if refused else ""
        item.review_errors = errors if refused else ()
    return render(
        request,
        "campaigns/exemplary_list.html",
        {
            "published": published,
            "page_obj": published,
            "mine": list(mine[:50]) if mine is not None else [],
            "waiting": waiting_rows,
            "reviewer": reviewer,
            "can_submit": _clerk_units(user).exists(),
            "section": "exemplary",
        },
    )


@login_required
def exemplary_create(request):
    units = _clerk_units(request.user)
    if not units.exists():
        raise PermissionDenied
    today = timezone.localdate()
    form = ExemplaryForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"year": today.year, "period": (today.month - 1) // 3 + 1},
    )
    return form_action(
        request,
        form,
        lambda data: services.exemplary_submit(by=request.user, upload=data.pop("file"), **data),
        success=lambda item: _("Đã gửi giới thiệu: %(t)s.") % {"t": item.title},
        redirect_to=reverse("campaigns:exemplary_list"),
        render=lambda: render(request, "campaigns/exemplary_form.html", {"form": form, "section": "exemplary"}),
    )


@post_from("campaigns:exemplary_list")
@scope_required("campaigns.review_exemplary")
def exemplary_review(request, pk):
    item = visible_or_404(request, ExemplaryModel, pk=pk)
    form = ExemplaryReviewForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.exemplary_review(
            by=request.user, item=item, publish=data["publish"] == "1", note=data["note"], expected_version=data["version"]
        ),
        success=lambda _reviewed: (
            (
                _("Đã chọn tuyên truyền “%(t)s”.")
                if item.status == ExemplaryStatus.PUBLISHED
                else _("Đã ghi “%(t)s” là chưa chọn.")
            )
            % {"t": item.title}
        ),
        redirect_to=reverse("campaigns:exemplary_list"),
        render=lambda: _exemplary_page(
            request, failed_pk=item.pk, review_form=form, errors=_refused(request, form, shown=("note",))
        ),
    )


@login_required
def exemplary_download(request, pk):
    item = get_object_or_404(selectors.exemplary_visible_to(viewer=request.user), pk=pk)
    if not item.file:
        raise Http404
    return _file_response(item.file, item.original_name, item.content_type)
