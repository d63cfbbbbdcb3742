from rules.contrib.views import permission_required

from .filters import AuditFilter
from .lists import list_page
from .selectors import audit_entries
from .tables import AuditTable


@permission_required("accounts.view_audit", raise_exception=True)
def audit_list(request):
    audit_filter = AuditFilter(request.GET, queryset=audit_entries(viewer=request.user))
    return list_page(request, "core/audit_list.html", table_class=AuditTable, filterset=audit_filter, per_page=50)
