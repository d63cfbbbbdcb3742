from django.core.paginator import Paginator
from django.shortcuts import render
from rules.contrib.views import permission_required

from .models import AuditEntry


@permission_required("accounts.view_audit", raise_exception=True)
def audit_list(request):
    entries = AuditEntry.objects.select_related("actor", "content_type")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(request, "core/audit_list.html", {"page_obj": page, "actions": actions, "action": action})
