"""The pact: drawn up on the cluster page, each member's commitment, its head's confirmation, the print."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.actions import form_action, post_action
from core.files import named
from core.services import ConcurrentEditError
from units.models import Authority

from .. import services
from ..forms import PactCommitForm, PactCreateForm
from ..selectors import acting_unit_ids, pact_signatures
from .common import posted_version, visible_group
from .groups import render_group


def _pact_of(group):
    pact = getattr(group, "pact", None)
    if pact is None:
        raise Http404
    return pact


def _pact_url(group) -> str:
    return reverse("clusters:pact", args=[group.pk])


@require_POST
@login_required
def group_pact_create(request, pk):
    group = visible_group(request, pk)
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
        redirect_to=_pact_url(group),
        render=lambda: render_group(request, group, pact_form=form),
    )


@require_GET
@login_required
def pact(request, pk):
    group = visible_group(request, pk)
    return _render_pact(request, group, _pact_of(group))


def _render_pact(request, group, pact, *, edit=None):
    """The pact as a document. Not a core.lists table: one row per member in the members' order, each with
    the commitment its unit may still edit (a small form; refused: as typed) and whether the viewer confirms."""
    user = request.user
    own = acting_unit_ids(user)
    rows = []
    for signature in pact_signatures(pact):
        form = None
        if edit is not None and edit[0] == signature.pk:  # as typed, even if the unit signed meanwhile
            form = edit[1]
        elif signature.unit_id in own and not signature.signed_at:
            form = PactCommitForm(
                prefix=f"s{signature.pk}", initial={"commitment": signature.commitment, "version": signature.version}
            )
        rows.append({"signature": signature, "form": form, "can_sign": user.has_perm("clusters.sign_pact", signature)})
    return render(
        request,
        "clusters/pact.html",
        {
            "group": group,
            "pact": pact,
            "rows": rows,
            "authority": Authority.objects.get(pk=group.authority_id),
            "signed": sum(1 for row in rows if row["signature"].signed_at),
        },
    )


def _signature(request, pk, signature_pk):
    group = visible_group(request, pk)
    pact = _pact_of(group)
    signature = next((s for s in pact_signatures(pact) if s.pk == signature_pk), None)
    if signature is None:
        raise Http404
    return group, pact, signature


@require_POST
@login_required
def pact_commit(request, pk, signature_pk):
    group, pact, signature = _signature(request, pk, signature_pk)
    form = PactCommitForm(request.POST, prefix=f"s{signature.pk}")
    return form_action(
        request,
        form,
        lambda data: services.pact_commit(
            by=request.user, signature=signature, expected_version=data["version"], commitment=data["commitment"]
        ),
        success=_("Đã lưu nội dung đăng ký của đơn vị."),
        redirect_to=_pact_url(group),
        render=lambda: _render_pact(request, group, pact, edit=(signature.pk, form)),
    )


@require_POST
@login_required
def pact_sign(request, pk, signature_pk):
    group, _pact, signature = _signature(request, pk, signature_pk)

    def sign():
        try:
            return services.pact_sign(by=request.user, signature=signature, expected_version=posted_version(request))
        except ConcurrentEditError:
            raise ConcurrentEditError(
                _("Nội dung đăng ký của %(unit)s vừa được sửa sau khi bạn mở trang. Vui lòng đọc lại nội dung mới rồi xác nhận.")
                % {"unit": signature.unit.name}
            ) from None

    return post_action(request, sign, success=_("Đơn vị đã xác nhận ký giao ước thi đua."), redirect_to=_pact_url(group))


@login_required
def pact_pdf(request, pk):
    """The pact as a printable document, from its members, commitments and online confirmations."""
    from documents.render import render_pdf

    group = visible_group(request, pk)
    pact = _pact_of(group)
    authority = Authority.objects.get(pk=group.authority_id)
    members = [
        {
            "unit": s.unit.name,
            "head_name": s.unit.head_name,
            "head_title": s.unit.head_title,
            "commitment": s.commitment,
            "signed_at": timezone.localtime(s.signed_at).date().isoformat() if s.signed_at else "",
        }
        for s in pact_signatures(pact)
    ]
    context = {
        "authority": {
            "name": authority.name,
            "short_name": authority.short_name,
            "place_name": authority.place_name,
            "parent_name": authority.parent_name,
        },
        "group_name": group.name,
        "title": pact.title,
        "date": timezone.localtime(pact.created_at).date().isoformat(),
        "common_paragraphs": [p.strip() for p in pact.common_commitments.split("\n") if p.strip()],
        "members": members,
    }
    response = HttpResponse(render_pdf("documents/pact.html", context), content_type="application/pdf")
    return named(response, f"Giao ước thi đua năm {group.year} - {group.name}.pdf", inline=True)
