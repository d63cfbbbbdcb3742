from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from .models import EmailOptOut, Notification, OutboxEmail
from .preferences import email_categories
from .services import mail_failing_since, notification_mark_read, outbox_resend, outbox_undelivered


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.filter(recipient=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
@require_POST
def notification_read(request, pk=None):
    notification_mark_read(recipient=request.user, notification_id=pk)
    if pk is not None:
        url = Notification.objects.filter(recipient=request.user, pk=pk).values_list("url", flat=True).first()
        if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
            return redirect(url)
    return redirect("notifications:list")


@login_required
def preferences(request):
    """Which categories of e-mail the user wants; everything still shows in the portal."""
    categories = email_categories()
    if request.method == "POST":
        wanted = set(request.POST.getlist("nhan"))
        with transaction.atomic():
            EmailOptOut.objects.filter(user=request.user).exclude(
                category__in=[k for k, _label in categories if k not in wanted]
            ).delete()
            for key, _label in categories:
                if key not in wanted:
                    EmailOptOut.objects.get_or_create(user=request.user, category=key)
        messages.success(request, _("Đã lưu lựa chọn nhận thư điện tử."))
        return redirect("notifications:preferences")
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("category", flat=True))
    return render(
        request,
        "notifications/preferences.html",
        {"categories": [(key, label, key not in opted_out) for key, label in categories]},
    )


@permission_required("notifications.manage_outbox", raise_exception=True)
def outbox_list(request):
    """E-mails not delivered yet: failed for good, or waiting for their next attempt after a failure."""
    page = Paginator(outbox_undelivered(), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/outbox.html", {"page_obj": page, "failing_since": mail_failing_since()})


@require_POST
@permission_required("notifications.manage_outbox", raise_exception=True)
def outbox_resend_view(request, pk):
    message = get_object_or_404(OutboxEmail, pk=pk)
    if outbox_resend(by=request.user, outbox_id=message.pk):
        messages.success(request, _("Đã đưa thư gửi %(to)s vào hàng gửi lại.") % {"to": message.to})
    else:
        messages.info(request, _("Thư này đã được gửi lại hoặc đã gửi xong; không cần gửi thêm."))
    return redirect("notifications:outbox")
