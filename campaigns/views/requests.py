"""Submission requests (yêu cầu nộp văn bản): the list, opening one, the report chain through the clusters
and blocs, the Công văn, closing and reminding; and the reports of one cluster or bloc."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from clusters.selectors import group_years, groups_visible_to, heads_group
from core.actions import allowed_or_403, form_action, post_action, scope_required, visible_or_404
from core.files import named, protected_file
from core.lists import list_page, list_table

from ..enums import Receiver
from ..filters import RequestFilter
from ..forms import ReportChainForm, RequestForm
from ..letters import letter_dict, letter_number_assign
from ..selectors.requests import group_reports as group_rounds
from ..selectors.requests import requests_for_detail, requests_for_list, requests_from_above, sees_everything
from ..services import reminders
from ..services import requests as services
from ..tables.requests import GroupReportTable, RequestTable

GROUP_ROWS_PER_PAGE = 500  # a cluster's members, all on its page


@permission_required("campaigns.view_requests", raise_exception=True)
def request_list(request):
    return list_page(
        request,
        "campaigns/request_list.html",
        table_class=RequestTable,
        filterset=RequestFilter(request.GET, queryset=requests_for_list(viewer=request.user)),
        context={
            "can_manage": request.user.has_perm("campaigns.manage_requests"),
            "section": "requests",
            "from_above": requests_from_above(viewer=request.user).count(),
        },
    )


@permission_required("campaigns.manage_requests", raise_exception=True)
def request_create(request):
    form = RequestForm(request.POST or None, authority_id=request.user.acting_authority_id)

    def create(data):
        return services.request_create(
            by=request.user,
            authority=request.authority,
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
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    form = ReportChainForm(request.POST or None, year=year, authority_id=request.user.acting_authority_id)

    def create(data):
        return services.report_chain_create(
            by=request.user,
            authority=request.authority,
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
            {
                "form": form,
                "year": year,
                "years": sorted(set(group_years(viewer=request.user)) | {year}, reverse=True),
                "section": "requests",
            },
        ),
    )


@scope_required("campaigns.view_requests")
def group_reports(request, pk):
    """The report status of one cluster or bloc, for its page (loaded there with HTMX; a page of its
    own without). Rows are scoped by the selector; a user who may not see the group gets 404."""
    user = request.user
    group = visible_or_404(request, groups_visible_to(viewer=user).select_related("head"), "clusters.view_group", pk=pk)
    rounds = [
        (
            round_,
            list_table(request, GroupReportTable, round_.rows, per_page=GROUP_ROWS_PER_PAGE),
            list_table(request, GroupReportTable, [round_.head_row] if round_.head_row else [], per_page=1),
        )
        for round_ in group_rounds(group=group, viewer=user)
    ]
    sees_all = sees_everything(user)
    template = "campaigns/_group_reports.html" if request.headers.get("HX-Request") else "campaigns/group_reports.html"
    return render(
        request,
        template,
        {
            "group": group,
            "rounds": rounds,
            "sees_members": sees_all or heads_group(user, group),
            "can_manage": user.has_perm("campaigns.manage_requests"),
            "section": "requests",
        },
    )


@scope_required("campaigns.view_requests")
def request_letter(request, pk):
    """The Công văn asking the units for the document. Once numbered from the register it is the PDF
    stored then (byte for byte, its SHA-256 recorded), for everyone who may see the request; before,
    a draft without a number rendered from the live request, for the office only."""
    from documents.render import render_pdf

    req = visible_or_404(request, requests_for_detail, pk=pk)
    if req.letter_frozen:
        return protected_file(req.letter_pdf, f"Công văn {req.document_number}.pdf", "application/pdf", inline=True)
    allowed_or_403(request, "campaigns.manage_requests")
    # A draft, or a letter numbered by hand when the request was made (not from the register): live.
    response = HttpResponse(render_pdf("documents/letter.html", letter_dict(req)), content_type="application/pdf")
    return named(response, f"Công văn {req.document_number}.pdf" if req.document_number else "Dự thảo công văn.pdf", inline=True)


@require_POST
@scope_required("campaigns.manage_requests")
def request_letter_number(request, pk):
    """Take the next công văn number from the register and freeze the letter (once; a second click
    keeps the number and the stored file)."""
    req = visible_or_404(request, requests_for_detail, pk=pk)
    return post_action(
        request,
        lambda: letter_number_assign(by=request.user, req=req),
        success=lambda numbered: _("Công văn đã có số %(n)s.") % {"n": numbered.document_number},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )


@require_POST
@scope_required("campaigns.manage_requests")
def request_remind(request, pk):
    req = visible_or_404(request, requests_for_detail, pk=pk)
    only = request.POST.get("recipient")
    return post_action(
        request,
        lambda: reminders.reminder_send_manual(
            by=request.user, request=req, recipient_ids=[int(only)] if only and only.isascii() and only.isdigit() else None
        ),
        success=lambda result: _remind_said(request, result),
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )


def _remind_said(request, result) -> None:
    """What one click reached, each part at its own level (reached, already reminded today, unreachable)."""
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


@require_POST
@scope_required("campaigns.manage_requests")
def request_close(request, pk):
    req = visible_or_404(request, requests_for_detail, pk=pk)
    return post_action(
        request,
        lambda: services.request_close(by=request.user, request=req),
        success=_("Đã kết thúc theo dõi “%(t)s”: không nhắc thêm.") % {"t": req.title},
        redirect_to=reverse("campaigns:request_detail", args=[req.pk]),
    )
