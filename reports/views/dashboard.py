from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..dashboard import dashboard_for


@login_required
def dashboard(request):
    """What waits for each role (reports.dashboard builds every panel from real rows)."""
    return render(request, "reports/dashboard.html", dashboard_for(request.user))
