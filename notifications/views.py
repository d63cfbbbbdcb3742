from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import post_action, scope_required, visible_or_404
from core.lists import list_page

from .models import EmailOptOut, OutboxEmail
from .preferences import email_categories
from .selectors import notifications_of
from .services import mail_failing_since, notification_mark_read, outbox_resend, outbox_undelivered
from .tables import NotificationTable, OutboxTable


@login_required
def notification_list(request):
    return list_page(
        request, "notifications/list.html", table_class=NotificationTable, rows=notifications_of(viewer=request.user)
    )


@login_required
@require_POST
def notification_read(request, pk=None):
    """Marking read is naturally safe to repeat; someone else's notification is not found."""
    notification = visible_or_404(request, notifications_of, pk=pk) if pk else None
    url = notification.url if notification else ""
    if not (url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})):
        url = reverse("notifications:list")
    return post_action(request, lambda: notification_mark_read(recipient=request.user, notification_id=pk), redirect_to=url)


@login_required
def preferences(request):
    """Which categories of e-mail the user wants; everything still shows in the portal."""
    categories = email_categories()
    if request.method == "POST":
        wanted = set(request.POST.getlist("nhan"))

        @transaction.atomic
        def save():
            EmailOptOut.objects.filter(user=request.user).exclude(
                category__in=[k for k, _label in categories if k not in wanted]
            ).delete()
            for key, _label in categories:
                if key not in wanted:
                    EmailOptOut.objects.get_or_create(user=request.user, category=key)

        return post_action(
            request, save, success=_("Đã lưu lựa chọn nhận thư điện tử."), redirect_to=reverse("notifications:preferences")
        )
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("category", flat=True))
    return render(
        request,
        "notifications/preferences.html",
        {"categories": [(key, label, key not in opted_out) for key, label in categories]},
    )


@permission_required("notifications.manage_outbox", raise_exception=True)
def outbox_list(request):
    """E-mails not delivered yet: failed for good, or waiting for their next attempt after a failure."""
    return list_page(
        request,
        "notifications/outbox.html",
        table_class=OutboxTable,
        rows=outbox_undelivered(),
        per_page=50,
        context={"failing_since": mail_failing_since()},
    )


@require_POST
@scope_required("notifications.manage_outbox")
def outbox_resend_view(request, pk):
    message = visible_or_404(request, OutboxEmail, pk=pk)
    return post_action(
        request,
        lambda: outbox_resend(by=request.user, outbox_id=message.pk),
        redirect_to=reverse("notifications:outbox"),
        success=lambda resent: (
            _("Đã đưa thư gửi %(to)s vào hàng gửi lại.") % {"to": message.to}
            if resent
            else _("Thư này đã được gửi lại hoặc đã gửi xong; không cần gửi thêm.")
        ),
    )
