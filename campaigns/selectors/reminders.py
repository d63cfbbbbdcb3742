"""Reads about reminders: what is overdue today (the office's digest), the configuration page's panels."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from accounts.enums import Role
from accounts.models import RoleAssignment
from dossiers.enums import CLOCK_RUNNING
from dossiers.models import Dossier
from notifications.models import MessageTemplate
from units.models import Authority, Unit

from ..enums import STILL_OWED
from ..messages import MESSAGE_TEMPLATES
from ..models import PlanTask, PlanTaskReport, Reminder, ReminderSettings, ScanRun, SubmissionRequest
from ..workcal import WorkCalendar

DIGEST_LIST_LIMIT = 20


def own_or_given_tasks(authority_id: int) -> Q:
    """The plan tasks an authority's office still owes: its own plan's not done, and its parent's given to lower
    levels (#13) that this authority has not reported done (another commune's report does not count)."""
    parent_id = Authority.objects.working().filter(pk=authority_id).values("parent_id")[:1]
    reported = PlanTaskReport.objects.filter(task=OuterRef("pk"), authority_id=authority_id)
    own = Q(plan__authority_id=authority_id, done_on__isnull=True)
    return own | (Q(for_lower_levels=True, plan__authority_id=Subquery(parent_id)) & ~Exists(reported))


def overdue_summary(*, today: datetime.date, cal: WorkCalendar | None = None, authority_id: int | None = None) -> dict:
    """What is overdue today, for the digest and the office's dashboard: of one authority when
    `authority_id` is given (each office's digest is its own, #13); a fixed number of queries."""
    cal = cal or WorkCalendar(today, working_days=ReminderSettings.load().count_working_days)
    requests_qs = SubmissionRequest.objects.all()
    dossiers_qs = Dossier.objects.filter(status__in=list(CLOCK_RUNNING), due_date__lt=today)
    tasks_qs = PlanTask.objects.filter(done_on__isnull=True, due_date__lt=today)
    if authority_id is not None:
        requests_qs = requests_qs.filter(authority_id=authority_id)
        dossiers_qs = dossiers_qs.filter(authority_id=authority_id)
        tasks_qs = PlanTask.objects.filter(own_or_given_tasks(authority_id), due_date__lt=today)
    requests = list(
        requests_qs.filter(closed_at__isnull=True, due_date__lt=today, recipients__status__in=list(STILL_OWED))
        .annotate(owed=Count("recipients"))
        .order_by("due_date", "pk")
    )
    dossiers = list(dossiers_qs.select_related("unit").order_by("due_date", "pk")[:DIGEST_LIST_LIMIT])
    tasks = list(tasks_qs.select_related("plan").order_by("due_date", "number")[:DIGEST_LIST_LIMIT])
    for item in [*requests, *dossiers, *tasks]:
        item.days_over = cal.between(item.due_date, today)
    return {
        "requests": requests,
        "units_owing": sum(r.owed for r in requests),
        "dossiers": dossiers,
        "dossier_count": dossiers_qs.count() if len(dossiers) == DIGEST_LIST_LIMIT else len(dossiers),
        "tasks": tasks,
        "task_count": tasks_qs.count() if len(tasks) == DIGEST_LIST_LIMIT else len(tasks),
    }


# --- The configuration page ----------------------------------------------------------------------


def message_templates_edited() -> set[str]:
    """The keys of the messages whose wording staff have rewritten."""
    return set(MessageTemplate.objects.filter(key__in=list(MESSAGE_TEMPLATES)).values_list("key", flat=True))


def recent_scans(*, limit: int = 7):
    return ScanRun.objects.all()[:limit]


def recent_reminders(*, viewer, limit: int = 20):
    """The latest reminders the scan sent: an administrator sees all (the settings are the installation's);
    an office those that reached people or units of the authority it acts in (#13)."""
    reminders = Reminder.objects.select_related("recipient")
    if not viewer.has_role(Role.ADMIN) and not viewer.is_superuser:
        authority_id = viewer.acting_authority_id
        people = RoleAssignment.objects.filter(authority_id=authority_id).values("user_id")
        addresses = Unit.objects.filter(authority_id=authority_id).exclude(email="").values("email")
        reminders = reminders.filter(Q(recipient_id__in=people) | Q(recipient__isnull=True, email__in=addresses))
    return reminders[:limit]


def message_template_of(key: str) -> MessageTemplate | None:
    """Staff's rewrite of one message's wording, if any."""
    return MessageTemplate.objects.filter(key=key).first()
