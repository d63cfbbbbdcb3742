"""The reminders' configuration: their schedule, and the wording of the messages this app sends (each
rewritten or restored to the files' wording, each its own address)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from core.actions import NOT_ALLOWED, form_action, post_action, scope_required

from ..forms import MessageTemplateForm, ReminderSettingsForm
from ..messages import MESSAGE_TEMPLATES
from ..models import ReminderSettings
from ..selectors.reminders import message_template_of, message_templates_edited, recent_reminders, recent_scans
from ..services import reminder_settings as services


@permission_required("campaigns.view_reminders", raise_exception=True)
def reminder_settings(request):
    """Every office sees the reminders sent to its people; the schedule and the wording are the installation's
    (campaigns.configure_reminders: the administrator, the top authority's office), checked again in the service."""
    config = ReminderSettings.load()
    if request.method == "POST" and not request.user.has_perm("campaigns.configure_reminders"):
        raise PermissionDenied(NOT_ALLOWED)
    form = ReminderSettingsForm(request.POST or None, instance=config)
    return form_action(
        request,
        form,
        lambda data: services.reminder_settings_save(
            by=request.user, config=config, expected_version=data["version"], changed=form.changed_data
        ),
        success=_("Đã lưu cấu hình nhắc việc."),
        redirect_to=reverse("campaigns:reminder_settings"),
        render=lambda: _reminder_settings_page(request, form),
    )


def _reminder_settings_page(request, form):
    edited = message_templates_edited()
    return render(
        request,
        "campaigns/reminder_settings.html",
        {
            "form": form,
            "templates": [(key, label, key in edited) for key, (label, _placeholders) in MESSAGE_TEMPLATES.items()],
            "runs": list(recent_scans()),
            "recent": list(recent_reminders(viewer=request.user)),
            "can_configure": request.user.has_perm("campaigns.configure_reminders"),
            "section": "reminders",
        },
    )


def _template_form(request, key):
    """The wording form of message `key`: the stored rewrite, else the files' wording; bound to a post."""
    if key not in MESSAGE_TEMPLATES:
        raise Http404
    current = message_template_of(key)
    email_body = current.email_body if current and current.email_body else ""
    inapp_body = current.inapp_body if current and current.inapp_body else ""
    initial = {
        "title": current.title if current else "",
        "email_body": email_body or services.file_template_text(f"notifications/email/{key}.txt"),
        "inapp_body": inapp_body or services.file_template_text(f"notifications/inapp/{key}.txt"),
        "stamp": services.message_template_stamp(current),
    }
    return MessageTemplateForm(request.POST or None, initial=initial), current


def _template_page(request, key, form, current):
    label, placeholders = MESSAGE_TEMPLATES[key]
    return render(
        request,
        "campaigns/message_template_form.html",
        {"form": form, "key": key, "label": label, "placeholders": placeholders, "current": current, "section": "reminders"},
    )


@scope_required("campaigns.configure_reminders")
def message_template_edit(request, key):
    form, current = _template_form(request, key)
    return form_action(
        request,
        form,
        lambda data: services.message_template_save(
            by=request.user,
            key=key,
            title=data["title"],
            email_body=data["email_body"],
            inapp_body=data["inapp_body"],
            expected_stamp=request.POST.get("stamp", ""),
        ),
        success=_("Đã lưu mẫu “%(label)s”.") % {"label": MESSAGE_TEMPLATES[key][0]},
        redirect_to=reverse("campaigns:reminder_settings"),
        render=lambda: _template_page(request, key, form, current),
    )


@require_POST
@scope_required("campaigns.configure_reminders")
def message_template_restore(request, key):
    """Back to the files' wording. Refused (someone changed it meanwhile), the page again with what was
    typed and the refusal at the top."""
    form, current = _template_form(request, key)

    def refused(_exc):
        form.is_valid()  # the restore skips validation: the form still shows what was typed
        return _template_page(request, key, form, current)

    return post_action(
        request,
        lambda: services.message_template_restore(by=request.user, key=key, expected_stamp=request.POST.get("stamp", "")),
        success=_("Đã khôi phục mẫu gốc."),
        redirect_to=reverse("campaigns:message_template_edit", args=[key]),
        on_refusal=refused,
    )
