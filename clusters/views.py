"""Pages of clusters and blocs. Every object comes through a scoped selector (404 when not visible);
every write goes through clusters.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.enums import Role
from core.actions import NOT_ALLOWED, allowed_or_403, form_action, post_action, scope_or_404, visible_or_404
from core.files import protected_file as _file_response
from core.services import ConcurrentEditError
from units.models import Unit

from . import services
from .enums import CardStatus, GroupKind, SheetStatus
from .forms import CriterionAddForm, CriterionEditForm, GroupForm, LeaderForm, PactCommitForm, PactCreateForm
from .models import EmulationGroup, Evidence, ScoreCard, ScoringSheet
from .rules import is_cluster_head
from .scoring import TIE_RULE, format_points
from .selectors import cards_visible_to, group_years, groups_for_list, groups_visible_to, leadership_history, ranking_for


def _group(request, pk):
    group = get_object_or_404(groups_visible_to(viewer=request.user).select_related("head", "deputy"), pk=pk)
    if not request.user.has_perm("clusters.view_group", group):
        raise Http404
    return group


def _sheet(group):
    return ScoringSheet.objects.filter(group=group).first()


def _posted_version(request) -> int:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise ValidationError(_("Yêu cầu không hợp lệ; vui lòng tải lại trang.")) from None


@login_required
def group_edit(request, pk=None):
    """The office creates a cluster or bloc for a year, or edits one: name, regulations, members."""
    if pk:
        scope_or_404(request, "clusters.manage_groups")
    allowed_or_403(request, "clusters.manage_groups")
    group = visible_or_404(request, EmulationGroup, pk=pk) if pk else None
    year = group.year if group else int(request.GET.get("nam") or timezone.localdate().year)
    initial = (
        {
            "name": group.name,
            "regulations": group.regulations,
            "version": group.version,
            "units": list(group.memberships.values_list("unit_id", flat=True)),
        }
        if group
        else {}
    )
    form = GroupForm(request.POST or None, initial=initial, kind_choices=GroupKind.choices, creating=group is None)

    def save(data):
        if group is None:
            return services.group_create(
                by=request.user,
                year=year,
                kind=data["kind"],
                name=data["name"],
                units=list(data["units"]),
                regulations=data["regulations"],
            )
        services.group_update(
            by=request.user,
            group=group,
            expected_version=data["version"] or 0,
            name=data["name"],
            regulations=data["regulations"],
            units=list(data["units"]),
        )
        return group

    return form_action(
        request,
        form,
        save,
        success=lambda saved: _("Đã lưu %(name)s.") % {"name": saved.name},
        redirect_to=lambda saved: reverse("clusters:group_detail", args=[saved.pk]),
        render=lambda: render(request, "clusters/group_form.html", {"form": form, "group": group, "year": year}),
    )


@login_required
def pact_pdf(request, pk):
    """The pact as a printable document, from its members, commitments and online confirmations."""
    from django.http import HttpResponse

    from documents.render import render_pdf
    from units.models import Authority

    group = _group(request, pk)
    pact = getattr(group, "pact", None)
    if pact is None:
        raise Http404
    authority = Authority.load()
    members = [
        {
            "unit": s.unit.name,
            "head_name": s.unit.head_name,
            "head_title": s.unit.head_title,
            "commitment": s.commitment,
            "signed_at": timezone.localtime(s.signed_at).date().isoformat() if s.signed_at else "",
        }
        for s in pact.signatures.select_related("unit").order_by("unit__sort_order", "unit__name")
    ]
    context = {
        "authority": {"name": authority.name, "place_name": authority.place_name, "parent_name": authority.parent_name},
        "group_name": group.name,
        "title": pact.title,
        "date": timezone.localtime(pact.created_at).date().isoformat(),
        "common_paragraphs": [p.strip() for p in pact.common_commitments.split("\n") if p.strip()],
        "members": members,
    }
    response = HttpResponse(render_pdf("documents/pact.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giao-uoc-{group.pk}.pdf"'
    return response


@login_required
def group_list(request):
    years = group_years()
    try:
        year = int(request.GET.get("nam") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404 from None
    groups = list(groups_for_list(viewer=request.user, year=year))
    return render(
        request,
        "clusters/group_list.html",
        {
            "groups": groups,
            "year": year,
            "years": years,
            "can_manage": request.user.has_perm("clusters.manage_groups"),
            "next_year": year + 1,
        },
    )


@require_POST
@login_required
def groups_copy(request):
    try:
        from_year = int(request.POST["from_year"])
    except (KeyError, ValueError):
        raise Http404 from None
    return post_action(
        request,
        lambda: services.groups_copy_year(by=request.user, from_year=from_year, to_year=from_year + 1),
        success=lambda created: _("Đã sao chép %(n)s cụm, khối sang năm %(year)s.") % {"n": len(created), "year": from_year + 1},
        redirect_to=lambda created: f"{_url('clusters:group_list')}?nam={from_year + 1 if created is not None else from_year}",
    )


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def _members(group):
    return list(group.memberships.select_related("unit").order_by("unit__sort_order", "unit__name"))


def _default_pact_text():
    return _(
        "Thực hiện tốt các phong trào thi đua do cấp ủy, chính quyền phát động; hoàn thành xuất sắc nhiệm vụ "
        "chính trị được giao; gửi báo cáo đầy đủ, đúng hạn."
    )


@login_required
def group_detail(request, pk):
    return _render_group(request, _group(request, pk))


def _render_group(request, group, *, members=None, leader_form=None, pact_form=None):
    """The cluster page; after a refused form, with that form as the user filled it in."""
    user = request.user
    members = members if members is not None else _members(group)
    sheet = _sheet(group)
    cards = list(cards_visible_to(viewer=user, sheet=sheet).order_by("unit__sort_order", "unit__name")) if sheet else []
    pact = getattr(group, "pact", None)
    signatures = (
        list(pact.signatures.select_related("unit", "signed_by").order_by("unit__sort_order", "unit__name")) if pact else []
    )
    election = getattr(group, "election", None)
    is_head = is_cluster_head(user, group)
    templates = ScoringSheet.objects.filter(group__isnull=True, year=group.year)
    can_manage = user.has_perm("clusters.manage_groups")
    can_prepare = user.has_perm("clusters.prepare_pact", group)
    if leader_form is None and can_manage:
        leader_form = LeaderForm(members=[m.unit for m in members], initial={"version": group.version}, prefix="leader")
    if pact_form is None and can_prepare and pact is None:
        pact_form = PactCreateForm(initial={"common_commitments": _default_pact_text()}, prefix="pact")
    return render(
        request,
        "clusters/group_detail.html",
        {
            "group": group,
            "members": members,
            "leader_form": leader_form,
            "pact_form": pact_form,
            "sheet": sheet,
            "cards": cards,
            "pact": pact,
            "signatures": signatures,
            "signed": sum(1 for s in signatures if s.signed_at),
            "election": election,
            "history": leadership_history(group=group),
            "is_head": is_head,
            "can_manage": can_manage,
            "can_prepare": can_prepare,
            "can_see_ranking": sheet is not None and user.has_perm("clusters.view_ranking", sheet),
            "templates": templates,
            "SheetStatus": SheetStatus,
        },
    )


# The buttons of the cluster page, one address each. The two forms with typed input (the head's
# appointment and the pact) come back filled in when refused; the one-click buttons answer with a message.


def _detail(group):
    return _url("clusters:group_detail", group.pk)


def _sheet_to_run(group):
    sheet = _sheet(group)
    if sheet is None:
        raise ValidationError(_("Cụm, khối chưa có bảng tiêu chí chấm điểm."))
    return sheet


@require_POST
@login_required
def group_leader(request, pk):
    return _leader_post(request, _group(request, pk))


@require_POST
@login_required
def group_pact_create(request, pk):
    return _pact_create_post(request, _group(request, pk))


@require_POST
@login_required
def group_copy_template(request, pk):
    group = _group(request, pk)
    template = visible_or_404(request, ScoringSheet.objects.filter(group__isnull=True), pk=request.POST.get("template") or 0)
    return post_action(
        request,
        lambda: services.sheet_copy(by=request.user, template=template, group=group),
        success=_("Đã sao chép bảng tiêu chí mẫu; có thể điều chỉnh trước khi mở chấm điểm."),
        redirect_to=_detail(group),
    )


@require_POST
@login_required
def group_open_scoring(request, pk):
    group = _group(request, pk)
    return post_action(
        request,
        lambda: services.scoring_open(by=request.user, sheet=_sheet_to_run(group)),
        success=_("Đã khóa bảng tiêu chí và mở chấm điểm."),
        redirect_to=_detail(group),
    )


@require_POST
@login_required
def group_finalise(request, pk):
    group = _group(request, pk)

    def finalise():
        services.sheet_finalise(by=request.user, sheet=_sheet_to_run(group))
        return group

    return post_action(
        request,
        finalise,
        success=_("Đã chốt điểm và công bố bảng xếp hạng."),
        redirect_to=lambda done: _url("clusters:ranking", group.pk) if done else _detail(group),
    )


@require_POST
@login_required
def group_open_election(request, pk):
    group = _group(request, pk)

    def open_election():
        services.election_open(by=request.user, group=group)
        return group

    return post_action(
        request, open_election, redirect_to=lambda done: _url("clusters:election", group.pk) if done else _detail(group)
    )


def _leader_post(request, group):
    allowed_or_403(request, "clusters.manage_groups")
    members = _members(group)
    form = LeaderForm(request.POST, members=[m.unit for m in members], prefix="leader")

    def refused():
        group.refresh_from_db()
        return _render_group(request, group, members=members, leader_form=form)

    return form_action(
        request,
        form,
        lambda data: services.group_set_leader(
            by=request.user,
            group=group,
            unit=next(m.unit for m in members if m.unit_id == data["unit"]),
            position=data["position"],
            method=data["method"],
            note=data["note"],
            expected_version=data["version"],
        ),
        success=_("Đã cập nhật trưởng, phó cụm, khối."),
        redirect_to=_detail(group),
        render=refused,
    )


def _pact_create_post(request, group):
    form = PactCreateForm(request.POST, prefix="pact")
    return form_action(
        request,
        form,
        lambda data: services.pact_create(
            by=request.user,
            group=group,
            title=data["title"] or _("Giao ước thi đua năm %(year)s") % {"year": group.year},
            common_commitments=data["common_commitments"],
        ),
        success=_("Đã lập giao ước thi đua; các đơn vị đăng ký nội dung và thủ trưởng xác nhận."),
        redirect_to=_url("clusters:pact", group.pk),
        render=lambda: _render_group(request, group, pact_form=form),
    )


@login_required
def sheet_detail(request, pk):
    """A sheet's criteria; the office's template when the group is empty (office only)."""
    sheet = get_object_or_404(ScoringSheet.objects.select_related("group"), pk=pk)
    if sheet.group_id is None:
        if not request.user.has_perm("clusters.manage_groups"):
            raise Http404
    else:
        _group(request, sheet.group_id)
    can_edit = request.user.has_perm("clusters.change_sheet", sheet)
    if request.method != "POST":
        return _render_sheet(request, sheet, can_edit=can_edit)
    allowed_or_403(request, "clusters.change_sheet", sheet)
    back = _url("clusters:sheet_detail", sheet.pk)
    if request.POST.get("action") == "delete":  # one click: a refusal is a message
        criterion = visible_or_404(request, sheet.criteria.all(), pk=request.POST.get("criterion") or 0)
        return post_action(
            request,
            lambda: services.criterion_delete(by=request.user, criterion=criterion, expected_version=_posted_version(request)),
            success=_("Đã xóa tiêu chí %(code)s.") % {"code": criterion.code},
            redirect_to=back,
        )
    if request.POST.get("criterion"):
        criterion = visible_or_404(request, sheet.criteria.all(), pk=request.POST["criterion"])
        form = CriterionEditForm(request.POST, prefix=f"c{criterion.pk}")
        return form_action(
            request,
            form,
            lambda data: services.criterion_update(
                by=request.user, criterion=criterion, expected_version=data["version"], max_points=data["max_points"]
            ),
            success=_("Đã lưu tiêu chí %(code)s.") % {"code": criterion.code},
            redirect_to=back,
            render=lambda: _render_sheet(request, sheet, can_edit=can_edit, edit=(criterion.pk, form)),
        )
    form = CriterionAddForm(request.POST, parents=sheet.criteria.filter(parent__isnull=True), prefix="new")
    return form_action(
        request,
        form,
        lambda data: services.criterion_add(
            by=request.user,
            sheet=sheet,
            parent=sheet.criteria.filter(pk=data["parent"]).first() if data["parent"] else None,
            code=data["code"],
            title=data["title"],
            kind=data["kind"],
            max_points=data["max_points"],
            evidence=data["evidence"],
        ),
        success=lambda _added: _("Đã thêm tiêu chí %(code)s.") % {"code": form.cleaned_data["code"]},
        redirect_to=back,
        render=lambda: _render_sheet(request, sheet, can_edit=can_edit, add_form=form),
    )


def _render_sheet(request, sheet, *, can_edit, add_form=None, edit=None):
    """The sheet page; a refused row or new criterion is shown again as typed, with its errors."""
    criteria = list(sheet.criteria.all())
    parents = [c for c in criteria if c.parent_id is None]
    rows = []
    for criterion, depth, is_parent in _criteria_rows(criteria):
        form = None
        if can_edit:
            if edit is not None and edit[0] == criterion.pk:
                form = edit[1]
            else:
                form = CriterionEditForm(
                    prefix=f"c{criterion.pk}",
                    initial={"max_points": format_points(criterion.max_points), "version": criterion.version},
                )
        rows.append({"criterion": criterion, "depth": depth, "is_parent": is_parent, "form": form})
    if add_form is None and can_edit:
        add_form = CriterionAddForm(parents=parents, prefix="new")
    return render(
        request,
        "clusters/sheet_detail.html",
        {"sheet": sheet, "rows": rows, "can_edit": can_edit, "add_form": add_form},
    )


def _criteria_rows(criteria):
    """(criterion, depth) in tree order."""
    children = {}
    for c in criteria:
        children.setdefault(c.parent_id, []).append(c)
    rows = []

    def walk(parent_id, depth):
        for c in children.get(parent_id, []):
            rows.append((c, depth, c.pk in children))
            walk(c.pk, depth + 1)

    walk(None, 0)
    return rows


def _card(request, pk):
    card = get_object_or_404(ScoreCard.objects.select_related("sheet__group__head", "unit"), pk=pk)
    if not request.user.has_perm("clusters.view_card", card):
        raise Http404
    return card


def _entries(request, card, reason_prefix):
    entries = {}
    for line in card.lines.all():
        key = f"p-{line.criterion_id}"
        if key in request.POST:
            entries[line.criterion_id] = (
                request.POST[key].strip().replace(",", "."),
                request.POST.get(f"{reason_prefix}-{line.criterion_id}", ""),
            )
    return entries


@login_required
def card_detail(request, pk):
    card = _card(request, pk)
    user = request.user
    can_self = user.has_perm("clusters.self_score", card)
    can_review = user.has_perm("clusters.review_card", card)
    if request.method == "POST":
        action = request.POST.get("action")
        allowed = {"save": can_self, "evidence": can_self, "submit": can_self, "review": can_review, "return": can_review}
        if not allowed.get(action):  # inside scope, not this person's step: the Vietnamese 403 page
            raise PermissionDenied(NOT_ALLOWED)

        def act():
            if action == "save":
                services.card_self_score(
                    by=user, card=card, expected_version=_posted_version(request), entries=_entries(request, card, "n")
                )
                messages.success(request, _("Đã lưu điểm tự chấm."))
            elif action == "evidence":
                line = visible_or_404(request, card.lines.all(), pk=request.POST.get("line") or 0)
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError(_("Vui lòng chọn tệp minh chứng."))
                services.evidence_add(by=user, line=line, upload=upload)
                messages.success(request, _("Đã tải lên minh chứng."))
            elif action == "submit":
                services.card_self_score(
                    by=user, card=card, expected_version=_posted_version(request), entries=_entries(request, card, "n")
                )
                services.card_submit(by=user, card=card, expected_version=card.version)
                messages.success(request, _("Đã gửi phiếu tự chấm điểm đến trưởng cụm, khối."))
            elif action == "review":
                services.card_review(
                    by=user, card=card, expected_version=_posted_version(request), entries=_entries(request, card, "r")
                )
                messages.success(request, _("Đã lưu kết quả thẩm định."))
            else:
                services.card_return(
                    by=user, card=card, expected_version=_posted_version(request), reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Đã trả lại phiếu cho đơn vị."))

        return post_action(
            request,
            act,
            redirect_to=_url("clusters:card_detail", card.pk),
            on_refusal=lambda exc: _render_card(
                request, _card(request, pk), keep=request.POST, stale=isinstance(exc, ConcurrentEditError)
            ),
        )
    return _render_card(request, card)


def _render_card(request, card, keep=None, stale=False):
    user = request.user
    criteria = list(card.sheet.criteria.all())
    lines = {ln.criterion_id: ln for ln in card.lines.prefetch_related("evidence")}
    rows = []
    for criterion, depth, is_parent in _criteria_rows(criteria):
        line = lines.get(criterion.pk)
        rows.append(
            {
                "criterion": criterion,
                "depth": depth,
                "is_parent": is_parent,
                "line": line,
                "posted": keep.get(f"p-{criterion.pk}") if keep else None,
                "posted_note": keep.get(f"n-{criterion.pk}") if keep else None,
                "posted_reason": keep.get(f"r-{criterion.pk}") if keep else None,
            }
        )
    return render(
        request,
        "clusters/card_detail.html",
        {
            "card": card,
            "group": card.sheet.group,
            "rows": rows,
            "can_self": user.has_perm("clusters.self_score", card),
            "can_review": user.has_perm("clusters.review_card", card),
            "show_review": card.status != CardStatus.DRAFT or card.reviewed_at is not None,
            # What was typed, when a refused post shows the page again. After a conflict the version
            # stays the one the user had: the page must be reloaded (and the other change seen) first.
            "version": keep.get("version", card.version) if stale else card.version,
            "posted_return_reason": keep.get("reason", "") if keep and keep.get("action") == "return" else "",
        },
    )


@login_required
def evidence_download(request, pk):
    """Evidence is served only to those who may see the card."""
    evidence = get_object_or_404(Evidence.objects.select_related("line__card__sheet__group"), pk=pk)
    if not request.user.has_perm("clusters.view_card", evidence.line.card):
        raise Http404
    return _file_response(evidence.file, evidence.original_name, evidence.content_type)


@login_required
def ranking(request, pk):
    group = _group(request, pk)
    sheet = _sheet(group)
    if sheet is None or not request.user.has_perm("clusters.view_ranking", sheet):
        raise Http404
    return render(
        request,
        "clusters/ranking.html",
        {
            "group": group,
            "sheet": sheet,
            "ranked": ranking_for(sheet=sheet),
            "tie_rule": TIE_RULE,
            "published": sheet.status == SheetStatus.PUBLISHED,
        },
    )


@login_required
def pact(request, pk):
    group = _group(request, pk)
    pact = getattr(group, "pact", None)
    if pact is None:
        raise Http404
    user = request.user
    signatures = list(pact.signatures.select_related("unit", "signed_by").order_by("unit__sort_order", "unit__name"))
    if request.method != "POST":
        return _render_pact(request, group, pact, signatures)
    signature = next((s for s in signatures if str(s.pk) == request.POST.get("signature")), None)
    if signature is None:
        raise Http404
    if request.POST.get("action") == "sign":  # one click: a refusal is a message

        def sign():
            try:
                return services.pact_sign(by=user, signature=signature, expected_version=_posted_version(request))
            except ConcurrentEditError:
                raise ConcurrentEditError(
                    _(
                        "Nội dung đăng ký của %(unit)s vừa được sửa sau khi bạn mở trang. "
                        "Vui lòng đọc lại nội dung mới rồi xác nhận."
                    )
                    % {"unit": signature.unit.name}
                ) from None

        return post_action(
            request, sign, success=_("Đơn vị đã xác nhận ký giao ước thi đua."), redirect_to=_url("clusters:pact", group.pk)
        )
    form = PactCommitForm(request.POST, prefix=f"s{signature.pk}")
    return form_action(
        request,
        form,
        lambda data: services.pact_commit(
            by=user, signature=signature, expected_version=data["version"], commitment=data["commitment"]
        ),
        success=_("Đã lưu nội dung đăng ký của đơn vị."),
        redirect_to=_url("clusters:pact", group.pk),
        render=lambda: _render_pact(
            request,
            group,
            pact,
            list(pact.signatures.select_related("unit", "signed_by").order_by("unit__sort_order", "unit__name")),
            edit=(signature.pk, form),
        ),
    )


def _render_pact(request, group, pact, signatures, *, edit=None):
    """The pact; the commitment the user's unit may still edit is a small form (refused: as typed)."""
    from units.models import Authority

    user = request.user
    own = user.unit_ids()
    heads = user.unit_ids(Role.UNIT_HEAD)
    for s in signatures:
        s.form = None
        if edit is not None and edit[0] == s.pk:  # as typed, even if the unit signed meanwhile
            s.form = edit[1]
        elif s.unit_id in own and not s.signed_at:
            s.form = PactCommitForm(prefix=f"s{s.pk}", initial={"commitment": s.commitment, "version": s.version})
    return render(
        request,
        "clusters/pact.html",
        {
            "group": group,
            "pact": pact,
            "signatures": signatures,
            "own": own,
            "heads": heads,
            "authority": Authority.load(),
            "today": timezone.localdate(),
            "signed": sum(1 for s in signatures if s.signed_at),
        },
    )


@login_required
def election(request, pk):
    group = _group(request, pk)
    election = getattr(group, "election", None)
    if election is None:
        raise Http404
    user = request.user
    members = [m.unit for m in group.memberships.select_related("unit").order_by("unit__sort_order", "unit__name")]
    if request.method == "POST":
        action = request.POST.get("action")
        back = _url("clusters:election", group.pk)
        if action == "vote":
            unit = visible_or_404(request, Unit, pk=request.POST.get("unit") or 0)
            candidate = visible_or_404(request, Unit, pk=request.POST.get("candidate") or 0)
            return post_action(
                request,
                lambda: services.election_vote(by=user, election=election, unit=unit, candidate=candidate),
                success=_("Đã ghi nhận phiếu bầu của %(unit)s.") % {"unit": unit.name},
                redirect_to=back,
            )
        if action == "close":
            return post_action(
                request,
                lambda: services.election_close(by=user, election=election),
                success=_("Đã kết thúc bỏ phiếu và kiểm phiếu."),
                redirect_to=back,
            )
        raise Http404
    voted = set(election.receipts.values_list("unit_id", flat=True))
    my_units = services.voting_units(user=user, election=election)
    # While the ballot is open a head sees (and may change) its unit's own vote; once closed the votes
    # no longer know their voters, and the page says so instead.
    mine = services.my_votes(election=election, units=my_units)
    return render(
        request,
        "clusters/election.html",
        {
            "group": group,
            "election": election,
            "members": members,
            "my_ballots": [{"unit": u, "choice": mine.get(u.pk)} for u in my_units],
            "voted": voted,
            "is_head": is_cluster_head(user, group),
        },
    )
