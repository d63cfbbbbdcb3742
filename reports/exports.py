"""Excel exports of the portal's lists: one declarative exporter.

An export is declared once (see EXPORTS at the end): a name (its URL slug), a Vietnamese title, the
querystring keys it reads, a builder and its columns. The builder takes the requesting user and
those parameters and returns the rows **through the list page's own selectors and filters**, so the
file holds exactly what the page shows to that user; what they may not see is a 404 (a refusal of
the whole list, 403), as on the page. A column is a Vietnamese header, an accessor (an ORM path, a
key of a dict row, an attribute path "unit__name", or a function of the row), a type (text, integer,
money, decimal, date, datetime: real numbers and real Excel dates, never text) and a width.

Writing uses openpyxl's write-only mode and streams a queryset with .values() and .iterator(): the
memory and the number of queries stay flat however many rows (bench/export.py). A list of at
most settings.EXPORT_SYNC_MAX_ROWS rows (one COUNT query) comes back at once; a bigger one becomes an
ExportJob made by Celery in chunks, with a progress bar, downloadable by its owner only.
"""

import datetime
import hashlib
import json
import logging
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.query import ModelIterable
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from awards.documents_data import payout_dict
from awards.models import Decision, DecisionLine
from awards.money import bonus_for_award
from campaigns import selectors as campaign_selectors
from campaigns.enums import BoardState, SubmissionStatus
from campaigns.models import SubmissionRequest
from clusters.enums import SheetStatus
from clusters.models import ScoringSheet
from clusters.selectors import groups_visible_to, ranking_for
from core.jobs import claimable_q, stale_queued_q, stale_running_q
from core.services import require_perm
from dossiers.enums import CommendationKind, DossierStatus, Gender, Outcome, Subject, TaskRating, Verdict
from dossiers.filters import DossierFilter
from dossiers.models import Nominee
from dossiers.tables import DossierTable

from .forms import PeriodForm
from .models import ExportJob
from .statistics import honoured_rows

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 2000

# Column types and their Excel number formats. "#,##0" shows 1.234.000 in a Vietnamese Excel.
TEXT, INTEGER, MONEY, DECIMAL, DATE, DATETIME = "text", "integer", "money", "decimal", "date", "datetime"
NUMBER_FORMATS = {MONEY: "#,##0", DECIMAL: "#,##0.00", DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}


def sync_max_rows() -> int:
    return settings.EXPORT_SYNC_MAX_ROWS


# --- Declarations ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str | Callable[[Any], Any]
    type: str = TEXT
    width: float = 16
    choices: Any = None  # a TextChoices class: the stored value is written as its label
    display: Callable[[Any], Any] | None = None  # applied to the value read (e.g. True → "Có")

    def getter(self) -> Callable[[Any], Any]:
        """row → value; a dict row is read by key, an object by attribute path ("unit__name")."""
        if callable(self.field):
            read = self.field
        else:
            name, path = self.field, self.field.split("__")

            def read(row):
                if isinstance(row, dict):
                    return row.get(name)
                for part in path:
                    row = getattr(row, part, None)
                    if row is None:
                        return None
                return row

        if self.choices is not None:
            labels = {value: str(label) for value, label in self.choices.choices}
            plain = read

            def read(row):
                value = plain(row)
                return labels.get(value, value)

        if self.display is not None:
            display, raw = self.display, read
            return lambda row: display(raw(row))
        return read


@dataclass
class Rows:
    """What a builder returns: the rows and what to say about them."""

    rows: QuerySet | list
    back_url: str
    subject: str = ""  # e.g. "Quyết định số 12/QĐ-UBND"
    filters: list[str] = field(default_factory=list)  # e.g. ["Đợt xét: Tổng kết năm 2024"]
    footer: list[list] = field(default_factory=list)  # rows after the data (a total), aligned with the columns
    file_part: str = ""  # added to the file name

    def count(self) -> int:
        """One COUNT query for a queryset."""
        return self.rows.count() if isinstance(self.rows, QuerySet) else len(self.rows)


@dataclass(frozen=True)
class Export:
    name: str
    title: str
    sheet: str
    filename: str
    columns: tuple[Column, ...]
    build: Callable[[Any, dict], Rows]  # (user, params) → Rows; Http404 / PermissionDenied for what is not theirs
    params: tuple[str, ...] = ()
    needs_object: bool = False  # the URL names one object (a decision, a request, a group)
    numbered: bool = True  # a first "STT" column

    def clean_params(self, query, *, pk: int | None = None) -> dict:
        """The declared querystring keys that carry a value (so "?a=&b=1" and "?b=1" are the same export)."""
        params = {key: str(query.get(key))[:200] for key in self.params if query.get(key)}
        if pk is not None:
            params["pk"] = int(pk)
        return params

    def all_columns(self) -> tuple[Column, ...]:
        if not self.numbered:
            return self.columns
        return (Column(gettext_lazy("STT"), "", INTEGER, 6), *self.columns)


def params_key(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def get_export(name: str) -> Export:
    try:
        return EXPORTS[name]
    except KeyError as exc:
        raise Http404 from exc


# --- Writing ---------------------------------------------------------------------------------------


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware time is written as the wall clock in Asia/Ho_Chi_Minh."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def heading(export: Export, rows: Rows) -> str:
    """ "DANH SÁCH … – what it is of (the filter)"."""
    line = " – ".join([str(export.title).upper(), *([rows.subject] if rows.subject else [])])
    if rows.filters:
        line += " (" + "; ".join(rows.filters) + ")"
    return line


def _title_line(export: Export, rows: Rows, *, now: datetime.datetime) -> str:
    return heading(export, rows) + " – " + _("xuất lúc %(t)s") % {"t": f"{now:%H:%M %d/%m/%Y}"}


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _row_writer(sheet, columns: tuple[Column, ...]) -> Callable[[int | None, Any], list]:
    """One function per export turning a row into the cells of a line, with the column types applied.
    Styled cells share a prototype style (copying it is far cheaper than setting a format per cell)."""
    prototypes = {}
    for kind, number_format in NUMBER_FORMATS.items():
        cell = WriteOnlyCell(sheet)
        cell.number_format = number_format
        prototypes[kind] = cell._style
    getters = [(column.type, column.getter()) for column in columns]

    def typed(kind: str, value):
        if value is None or value == "":
            return None
        if kind == TEXT:
            text = _text(value)
            if text.startswith("="):  # a name typed as "=…" stays text: never a formula in the office's Excel
                cell = WriteOnlyCell(sheet, text)
                cell.data_type = "s"
                return cell
            return text
        if kind == INTEGER:
            return int(value)
        if kind == MONEY:
            value = int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value
        elif kind == DECIMAL:
            value = Decimal(value)
        elif kind == DATETIME and isinstance(value, datetime.datetime):
            value = _local_naive(value)
        elif kind == DATE and isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        elif kind == DATE and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        cell = WriteOnlyCell(sheet, value)
        cell._style = copy(prototypes[kind])
        return cell

    def line(number: int | None, row) -> list:
        cells = []
        for index, (kind, read) in enumerate(getters):
            if index == 0 and number is not None:
                cells.append(number)
            else:
                cells.append(typed(kind, read(row)))
        return cells

    line.typed = typed
    return line


def _iterate(rows: Rows, columns: tuple[Column, ...], chunk_size: int) -> Iterable:
    source = rows.rows
    if not isinstance(source, QuerySet):
        return source
    if source._iterable_class is ModelIterable and all(isinstance(c.field, str) and c.field for c in columns):
        # Only the columns' fields, as dicts: no model instances, joins instead of per-row queries.
        source = source.values(*dict.fromkeys(c.field for c in columns))
    return source.iterator(chunk_size=chunk_size)


def write_xlsx(
    export: Export,
    rows: Rows,
    out,
    *,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    now: datetime.datetime | None = None,
) -> int:
    """Write the workbook into `out` (a path or a binary file); returns the number of data rows."""
    now = timezone.localtime(now or timezone.now())
    columns = export.all_columns()
    data_columns = export.columns
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(export.sheet)[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A3"

    title = WriteOnlyCell(sheet, _title_line(export, rows, now=now))
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    fill = PatternFill("solid", fgColor="DDE7F0")
    for column in columns:
        cell = WriteOnlyCell(sheet, str(column.header))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)

    line = _row_writer(sheet, columns)
    done = 0
    for row in _iterate(rows, data_columns, chunk_size):
        done += 1
        sheet.append(line(done if export.numbered else None, row))
        if progress is not None and done % chunk_size == 0:
            progress(done)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A2:{last}{2 + done}"
    for extra in rows.footer:
        sheet.append([line.typed(column.type, value) for column, value in zip(columns, extra, strict=False)])
    workbook.save(out)
    if progress is not None:
        progress(done)
    return done


def _ascii(text: str) -> str:
    """ "01/QĐ-UBND" → "01-QD-UBND": a file name every browser and e-mail client keeps as is."""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d").replace("/", "-"))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text.encode("ascii", "ignore").decode()).strip("-")


def file_name(export: Export, rows: Rows, *, now: datetime.datetime | None = None) -> str:
    if rows.file_part:
        return f"{export.filename}-{_ascii(rows.file_part)}.xlsx"
    now = timezone.localtime(now or timezone.now())
    return f"{export.filename}-{now:%Y%m%d-%H%M}.xlsx"


def write_to_tempfile(export: Export, rows: Rows, **kwargs):
    """The workbook in an unnamed temporary file, rewound (spilled to disk: a big export never sits in memory)."""
    handle = tempfile.TemporaryFile()
    try:
        write_xlsx(export, rows, handle, **kwargs)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


# --- Jobs (big exports) ----------------------------------------------------------------------------


def export_jobs_of(*, viewer) -> QuerySet[ExportJob]:
    """A user's own export jobs: nobody else's file is ever reachable."""
    return ExportJob.objects.filter(created_by=viewer)


@transaction.atomic
def export_job_start(*, by, export: Export, params: dict, rows: Rows, total: int) -> ExportJob:
    """Queue a big export, or return the one this user already has running for the same list and filter
    (unless its worker stopped reporting: that one is failed now and a new one queued)."""
    key = params_key(params)
    mine = ExportJob.objects.filter(created_by=by, export=export.name, params_key=key)
    export_jobs_fail_stale(jobs=mine)
    active = mine.filter(status__in=ExportJob.ACTIVE)
    running = active.first()
    if running is not None:
        return running
    return _job_create(
        by=by, export=export.name, title=heading(export, rows)[:255], params=params, key=key, total=total, back_url=rows.back_url
    )


def _job_create(*, by, export: str, title: str, params: dict, key: str, total: int, back_url: str, retry_of=None):
    active = ExportJob.objects.filter(created_by=by, export=export, params_key=key, status__in=ExportJob.ACTIVE)
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                created_by=by,
                export=export,
                title=title,
                params=params,
                params_key=key,
                total=total,
                back_url=back_url[:1000],
                retry_of=retry_of,
            )
    except IntegrityError:  # a second click raced the first: the first one's job
        return active.first() or ExportJob.objects.filter(created_by=by, export=export, params_key=key).first()
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


@transaction.atomic
def export_job_retry(*, by, job_id: int) -> ExportJob:
    """A new job for a failed one, with the same list and filter. Exactly one per failed job: the row is
    locked and a second click (or a race) gets the job the first made."""
    job = get_object_or_404(export_jobs_of(viewer=by).select_for_update(), pk=job_id)
    existing = ExportJob.objects.filter(retry_of=job).first()
    if existing is not None:
        return existing
    if job.status != ExportJob.Status.FAILED:
        return job
    return _job_create(
        by=by,
        export=job.export,
        title=job.title,
        params=job.params,
        key=job.params_key,
        total=job.total,
        back_url=job.back_url,
        retry_of=job,
    )


STALE_RUNNING = gettext_lazy(
    "Việc tạo tệp đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”."
)
STALE_QUEUED = gettext_lazy("Yêu cầu chờ quá lâu mà chưa được xử lý (hàng đợi xử lý nền có thể đã dừng). Hãy bấm “Thử lại”.")
NOT_QUEUED = gettext_lazy("Không kết nối được hàng đợi xử lý nền nên chưa tạo được tệp. Hãy bấm “Thử lại” sau ít phút.")


def export_jobs_fail_stale(*, jobs: QuerySet[ExportJob] | None = None) -> int:
    """Fail the jobs whose worker stopped reporting (core/jobs.py); the beat's sweep runs it every minute."""
    jobs = ExportJob.objects.all() if jobs is None else jobs
    now = timezone.now()
    failed = jobs.filter(stale_running_q(running=ExportJob.Status.RUNNING, now=now)).update(
        status=ExportJob.Status.FAILED, error=str(STALE_RUNNING), finished_at=now
    )
    failed += jobs.filter(stale_queued_q(queued=ExportJob.Status.QUEUED, now=now)).update(
        status=ExportJob.Status.FAILED, error=str(STALE_QUEUED), finished_at=now
    )
    if failed:
        logger.warning("%s export job(s) failed: their worker stopped reporting", failed)
    return failed


def _dispatch(job_id: int) -> None:
    from .tasks import export_run

    try:
        export_run.delay(job_id)
    except Exception:  # broker down: the job fails now, with a retry button, instead of waiting forever
        logger.exception("export job %s not queued", job_id)
        ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
            status=ExportJob.Status.FAILED, error=str(NOT_QUEUED), finished_at=timezone.now()
        )


def export_job_run(*, job_id: int) -> None:
    """The body of the Celery task: rebuild the rows as the owner sees them now, write in chunks,
    record progress, store the file. A job already finished, failed by the sweep, or being made by
    another worker that still reports (a redelivered message) is left alone."""
    now = timezone.now()
    claimed = (
        ExportJob.objects.filter(pk=job_id)
        .filter(claimable_q(queued=ExportJob.Status.QUEUED, running=ExportJob.Status.RUNNING, now=now))
        .update(status=ExportJob.Status.RUNNING, done=0, heartbeat_at=now)
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    jobs = ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING)
    export = EXPORTS.get(job.export)
    try:
        if export is None:
            raise Http404
        rows = export.build(job.created_by, job.params)
        total = rows.count()
        jobs.update(total=total, heartbeat_at=timezone.now())
        name = file_name(export, rows)
        with write_to_tempfile(export, rows, progress=lambda done: jobs.update(done=done, heartbeat_at=timezone.now())) as handle:
            job.file.save(name, File(handle), save=False)
    except (Http404, PermissionDenied, ObjectDoesNotExist):
        jobs.update(
            status=ExportJob.Status.FAILED,
            error=_("Không xuất được: bạn không còn quyền xem danh sách này, hoặc danh sách không còn nữa."),
            finished_at=timezone.now(),
        )
        return
    except Exception:
        logger.exception("export job %s failed", job_id)
        jobs.update(
            status=ExportJob.Status.FAILED,
            error=_("Không tạo được tệp Excel do lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, xin báo quản trị hệ thống."),
            finished_at=timezone.now(),
        )
        return
    finished = jobs.update(
        status=ExportJob.Status.DONE, file=job.file.name, filename=name, done=total, total=total, finished_at=timezone.now()
    )
    if not finished:  # the sweep failed this job meanwhile (its retry makes the file): keep no orphan
        job.file.delete(save=False)


def export_jobs_purge(*, older_than_days: int) -> int:
    """Delete export jobs older than N days with their files; returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    old = ExportJob.objects.filter(created_at__lt=cutoff)
    count = 0
    for job in old.only("pk", "file").iterator(chunk_size=500):
        if job.file:
            job.file.delete(save=False)
        count += 1
    old.delete()
    return count


# --- The lists -------------------------------------------------------------------------------------
# Each builder reads through the list page's own selector and filter, scoped to the user.


def _yes(value) -> str:
    return _("Có") if value else ""


def _filtered_dossiers(user, params: dict):
    """The dossier list exactly as its page filters it for this user (dossiers.filters.DossierFilter)."""

    form_data = {key: value for key, value in params.items() if key in ("q", "round", "unit", "award", "overdue")}
    dossier_filter = DossierFilter(form_data | {"status": params.get("status", "")}, viewer=user)
    form, filtered, status = dossier_filter.form, dossier_filter.qs, dossier_filter.tab
    filters = form.cleaned_data
    described = []
    for name in ("q", "round", "unit", "award", "overdue"):
        value = filters.get(name)
        if value is True:
            described.append(str(form.fields[name].label))
        elif value:
            described.append(f"{form.fields[name].label}: {value}")
    if status:
        described.append(_("Trạng thái: %(s)s") % {"s": DossierStatus(status).label})
    back = reverse("dossiers:list") + (f"?{urlencode(params)}" if params else "")
    return filtered, described, back


def build_dossiers(user, params: dict) -> Rows:

    filtered, described, back = _filtered_dossiers(user, params)
    # The page's own table orders the rows (its default, or the column the user sorted by).
    ordered = DossierTable(filtered, order_by=params.get("sort") or None).data.data
    return Rows(ordered, back_url=back, filters=described)


def _shown_unit(prefix: str):
    """The nominee's work unit as typed, else the unit that proposed them (as documents_data._holder)."""
    return Coalesce(NullIf(F(f"{prefix}work_unit"), Value("")), F(f"{prefix}dossier__unit__name"), output_field=CharField())


def build_nominees(user, params: dict) -> Rows:

    filtered, described, back = _filtered_dossiers(user, params)
    nominees = (
        Nominee.objects.filter(dossier__in=filtered.order_by().values("pk"))
        .annotate(shown_unit=_shown_unit(""))
        .order_by("dossier__unit__sort_order", "dossier__unit__name", "dossier_id", "sort_order", "id")
    )
    return Rows(nominees, back_url=back, filters=described)


def build_decisions(user, params: dict) -> Rows:

    require_perm(user, "awards.view_decisions")
    rows = Decision.objects.annotate(line_count=Count("lines"), total=Sum("lines__amount")).order_by("-created_at", "-id")
    return Rows(rows, back_url=reverse("awards:decisions"))


def _decision(user, pk, *, issued: bool):

    require_perm(user, "awards.view_decisions")
    decision = get_object_or_404(Decision.objects.select_related("award", "round"), pk=pk)
    if issued and decision.status == Decision.Status.DRAFT:
        raise Http404
    return decision


def _decision_label(decision) -> str:
    if decision.number:
        return _("%(kind)s số %(n)s") % {"kind": decision.get_kind_display(), "n": decision.number}
    return _("Dự thảo: %(t)s") % {"t": decision.title}


def build_decision_annex(user, params: dict) -> Rows:
    """The decision's annex, one row per line: as issued (the frozen snapshot), or live while a draft
    (with the bonus estimated at today's rates, as the page shows it)."""

    decision = _decision(user, params["pk"], issued=False)
    back = reverse("awards:decision", args=[decision.pk])
    part = decision.number or f"du-thao-{decision.pk}"
    if decision.status != Decision.Status.DRAFT:
        snap = decision.snapshot
        rows = [
            {**row, "subject": str(label)}
            for key, label in (
                ("individuals", Subject.INDIVIDUAL.label),
                ("collectives", _("Tập thể")),
                ("households", Subject.HOUSEHOLD.label),
            )
            for row in snap.get(key, [])
        ]
        footer = [["", _("Tổng cộng"), "", "", "", "", snap.get("total_amount", 0)]] if rows else []
        return Rows(rows, back_url=back, subject=_decision_label(decision), footer=footer, file_part=part)
    estimate = None
    if decision.kind == Decision.Kind.DECISION:
        figure = bonus_for_award(award=decision.award, decided_on=timezone.localdate())
        estimate = figure.amount if figure else None
    subject_labels = {value: str(label) for value, label in Subject.choices}
    lines = (
        DecisionLine.objects.filter(decision=decision)
        .order_by(*DecisionLine._meta.ordering)
        .values(
            "nominee__subject",
            full_name=F("nominee__full_name"),
            position=F("nominee__position"),
            unit=_shown_unit("nominee__"),
            award=F("nominee__award__name"),
        )
    )
    rows = [{**row, "subject": subject_labels.get(row["nominee__subject"]), "amount": estimate} for row in lines]
    return Rows(rows, back_url=back, subject=_decision_label(decision) + " " + _("(tiền thưởng tạm tính)"), file_part=part)


def build_payout(user, params: dict) -> Rows:
    """The payout list from the issued snapshot (what was signed), with the total in figures and words."""

    decision = _decision(user, params["pk"], issued=True)
    data = payout_dict(decision)
    return Rows(
        data["rows"],
        back_url=reverse("awards:decision", args=[decision.pk]),
        subject=_("Quyết định số %(n)s") % {"n": data["decision_number"]},
        footer=[
            ["", _("Tổng cộng"), "", "", data["total_amount"], ""],
            ["", _("Bằng chữ: %(w)s") % {"w": data["total_in_words"]}],
        ],
        file_part=data["decision_number"],
    )


def build_submissions_board(user, params: dict) -> Rows:
    """The tracking board of a submission request: the rows this user sees on campaigns' request page."""

    try:
        req = campaign_selectors.request_for_detail(viewer=user, pk=params["pk"])
    except SubmissionRequest.DoesNotExist as exc:
        raise Http404 from exc
    rows = campaign_selectors.board_rows(req, unit_ids=campaign_selectors.board_unit_ids(req, viewer=user))
    state = params.get("loc", "")
    described = []
    if state in BoardState.values:
        rows = [row for row in rows if row.board_state == state]
        described.append(str(BoardState(state).label))
    back = reverse("campaigns:request_detail", args=[req.pk]) + (f"?{urlencode({'loc': state})}" if state else "")
    subject = _("%(t)s, hạn nộp %(d)s") % {"t": req.title, "d": f"{req.due_date:%d/%m/%Y}"}
    return Rows(rows, back_url=back, subject=subject, filters=described, file_part=f"{req.pk}")


def build_ranking(user, params: dict) -> Rows:
    """A cluster's or bloc's ranking, as clusters' ranking page shows it to this user."""

    group = get_object_or_404(groups_visible_to(viewer=user), pk=params["pk"])
    if not user.has_perm("clusters.view_group", group):
        raise Http404
    sheet = ScoringSheet.objects.filter(group=group).first()
    if sheet is None or not user.has_perm("clusters.view_ranking", sheet):
        raise Http404
    subject = _("%(g)s năm %(y)s") % {"g": group.name, "y": group.year}
    described = [] if sheet.status == SheetStatus.PUBLISHED else [_("kết quả tạm tính, chưa chốt")]
    return Rows(
        ranking_for(sheet=sheet),
        back_url=reverse("clusters:ranking", args=[group.pk]),
        subject=subject,
        filters=described,
        file_part=f"{group.year}-{group.pk}",
    )


def _late(row):

    return _yes(row.board_state == BoardState.LATE)


def _columns_dossiers():

    return (
        Column(gettext_lazy("Trích yếu"), "title", TEXT, 48),
        Column(gettext_lazy("Đơn vị đề nghị"), "unit__name", TEXT, 32),
        Column(gettext_lazy("Đợt xét"), "round__name", TEXT, 28),
        Column(gettext_lazy("Loại hình khen thưởng"), "commendation_kind", TEXT, 24, CommendationKind),
        Column(gettext_lazy("Số đề nghị"), "nominee_count", INTEGER, 10),
        Column(gettext_lazy("Số tiếp nhận"), "receipt_number", TEXT, 14),
        Column(gettext_lazy("Trạng thái"), "status", TEXT, 26, DossierStatus),
        Column(gettext_lazy("Gửi lúc"), "submitted_at", DATETIME, 17),
        Column(gettext_lazy("Tiếp nhận lúc"), "received_at", DATETIME, 17),
        Column(gettext_lazy("Hẹn trả kết quả"), "due_date", DATE, 14),
        Column(gettext_lazy("Cập nhật lúc"), "updated_at", DATETIME, 17),
    )


def build_honoured(user, params: dict) -> Rows:
    """The list behind a figure of the statistics page (reports.views.honoured_list), same rows."""

    require_perm(user, "reports.view_statistics")
    form = PeriodForm.from_query(params)
    if not form.is_valid():
        raise Http404
    rows, labels = honoured_rows(form.period, params)
    period = form.period
    described = [*labels, _("Từ %(a)s đến %(b)s") % {"a": f"{period.date_from:%d/%m/%Y}", "b": f"{period.cutoff:%d/%m/%Y}"}]
    rows = rows.annotate(
        holder=Coalesce("person__full_name", NullIf("collective_name", Value("")), "collective_unit__name"),
        unit_name=Coalesce("nominee__dossier__unit__name", "collective_unit__name", "person__unit__name"),
    ).order_by("-decision_date", "award__sort_order", "id")
    back = reverse("reports:honoured") + f"?{urlencode(params)}"
    return Rows(rows, back_url=back, filters=described)


def _columns_nominees():

    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 30),
        Column(gettext_lazy("Đối tượng"), "subject", TEXT, 12, Subject),
        Column(gettext_lazy("Giới tính"), "gender", TEXT, 9, Gender),
        Column(gettext_lazy("Ngày sinh"), "date_of_birth", DATE, 12),
        Column(gettext_lazy("Dân tộc thiểu số"), "ethnic_minority", TEXT, 10, display=_yes),
        Column(gettext_lazy("Chức vụ"), "position", TEXT, 26),
        Column(gettext_lazy("Đơn vị công tác"), "shown_unit", TEXT, 32),
        Column(gettext_lazy("Nhóm đối tượng"), "worker_category", TEXT, 24, Nominee.WorkerCategory),
        Column(gettext_lazy("Đề nghị tặng"), "award__name", TEXT, 32),
        Column(gettext_lazy("Xếp loại nhiệm vụ"), "task_rating", TEXT, 24, TaskRating),
        Column(gettext_lazy("Số tháng công tác"), "months_worked", INTEGER, 10),
        Column(gettext_lazy("Kiểm tra tự động"), "verdict", TEXT, 16, Verdict),
        Column(gettext_lazy("Kết luận thẩm định"), "appraisal_verdict", TEXT, 16, Verdict),
        Column(gettext_lazy("Kết quả xét"), "outcome", TEXT, 20, Outcome),
        Column(gettext_lazy("Đơn vị đề nghị"), "dossier__unit__name", TEXT, 30),
        Column(gettext_lazy("Hồ sơ"), "dossier__title", TEXT, 36),
        Column(gettext_lazy("Số tiếp nhận"), "dossier__receipt_number", TEXT, 14),
        Column(gettext_lazy("Trạng thái hồ sơ"), "dossier__status", TEXT, 24, DossierStatus),
        Column(gettext_lazy("Đợt xét"), "dossier__round__name", TEXT, 26),
    )


def _columns_decisions():

    return (
        Column(gettext_lazy("Số"), "number", TEXT, 16),
        Column(gettext_lazy("Ngày ban hành"), "date", DATE, 13),
        Column(gettext_lazy("Loại văn bản"), "kind", TEXT, 24, Decision.Kind),
        Column(gettext_lazy("Trích yếu"), "title", TEXT, 56),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award__name", TEXT, 32),
        Column(gettext_lazy("Đợt xét"), "round__name", TEXT, 26),
        Column(gettext_lazy("Trạng thái"), "status", TEXT, 18, Decision.Status),
        Column(gettext_lazy("Số người, tập thể"), "line_count", INTEGER, 11),
        Column(gettext_lazy("Tổng tiền thưởng (đồng)"), "total", MONEY, 16, display=lambda total: total or None),
    )


def _columns_annex():
    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 32),
        Column(gettext_lazy("Đối tượng"), "subject", TEXT, 14),
        Column(gettext_lazy("Chức vụ"), "position", TEXT, 28),
        Column(gettext_lazy("Đơn vị"), "unit", TEXT, 34),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award", TEXT, 32),
        Column(gettext_lazy("Tiền thưởng (đồng)"), "amount", MONEY, 16),
    )


def _columns_payout():
    # The headers of the payout list the office signs (documents/payout.html).
    return (
        Column(gettext_lazy("Họ và tên / Tập thể"), "full_name", TEXT, 32),
        Column(gettext_lazy("Đơn vị"), "unit", TEXT, 36),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award", TEXT, 32),
        Column(gettext_lazy("Số tiền (đồng)"), "amount", MONEY, 16),
        Column(gettext_lazy("Ký nhận"), lambda row: None, TEXT, 14),
    )


def _columns_board():

    return (
        Column(gettext_lazy("Đơn vị"), "unit__name", TEXT, 34),
        Column(gettext_lazy("Qua cụm, khối"), "group__name", TEXT, 24),
        Column(gettext_lazy("Theo dõi"), "board_label", TEXT, 16),
        Column(gettext_lazy("Tình trạng"), "status", TEXT, 22, SubmissionStatus),
        Column(gettext_lazy("Nộp lúc"), "submitted_at", DATETIME, 17),
        Column(gettext_lazy("Người nộp"), "submitted_by__full_name", TEXT, 22),
        Column(gettext_lazy("Trễ hạn"), _late, TEXT, 9),
        Column(gettext_lazy("Số tệp"), "file_count", INTEGER, 8),
        Column(gettext_lazy("Tệp mới nhất"), "latest_file_name", TEXT, 30),
        Column(gettext_lazy("Xem xét lúc"), "reviewed_at", DATETIME, 17),
        Column(gettext_lazy("Người xem xét"), "reviewed_by__full_name", TEXT, 22),
        Column(gettext_lazy("Lý do trả lại"), "return_reason", TEXT, 36),
        Column(gettext_lazy("Nhắc gần nhất"), "last_reminded", DATE, 13),
    )


def _columns_honoured():

    return (
        Column(gettext_lazy("Tập thể, cá nhân"), "holder", TEXT, 30),
        Column(gettext_lazy("Giới tính"), "gender_of", TEXT, 9, Gender),
        Column(gettext_lazy("Dân tộc thiểu số"), "nominee__ethnic_minority", TEXT, 10, display=_yes),
        Column(gettext_lazy("Nhóm đối tượng"), "worker", TEXT, 24, Nominee.WorkerCategory),
        Column(gettext_lazy("Danh hiệu, hình thức"), "award__name", TEXT, 34),
        Column(gettext_lazy("Năm thành tích"), "year", INTEGER, 10),
        Column(gettext_lazy("Đơn vị"), "unit_name", TEXT, 32),
        Column(gettext_lazy("Loại hình khen thưởng"), "commendation", TEXT, 24, CommendationKind),
        Column(gettext_lazy("Số quyết định"), "decision_number", TEXT, 16),
        Column(gettext_lazy("Ngày quyết định"), "decision_date", DATE, 13),
    )


def _columns_ranking():
    # The ranking page's own columns: a card's self-score and state are shown only to those who may
    # open that card (clusters.view_card), so they stay out of a file that every viewer can take.
    return (
        Column(gettext_lazy("Hạng"), "rank", INTEGER, 7),
        Column(gettext_lazy("Đơn vị"), "name", TEXT, 36),
        Column(gettext_lazy("Điểm tiêu chí"), "key__base", DECIMAL, 12),
        Column(gettext_lazy("Điểm thưởng"), "key__bonus", DECIMAL, 12),
        Column(gettext_lazy("Điểm trừ"), "key__penalty", DECIMAL, 12),
        Column(gettext_lazy("Tổng điểm"), "total", DECIMAL, 12),
    )


DOSSIER_PARAMS = ("q", "round", "unit", "award", "overdue", "status", "sort")

EXPORTS: dict[str, Export] = {
    export.name: export
    for export in (
        Export(
            name="ho-so",
            title=gettext_lazy("Danh sách hồ sơ đề nghị khen thưởng"),
            sheet=gettext_lazy("Hồ sơ"),
            filename="ho-so-khen-thuong",
            columns=_columns_dossiers(),
            build=build_dossiers,
            params=DOSSIER_PARAMS,
        ),
        Export(
            name="nguoi-de-nghi",
            title=gettext_lazy("Danh sách cá nhân, tập thể được đề nghị khen thưởng"),
            sheet=gettext_lazy("Người được đề nghị"),
            filename="nguoi-duoc-de-nghi",
            columns=_columns_nominees(),
            build=build_nominees,
            params=DOSSIER_PARAMS,
        ),
        Export(
            name="quyet-dinh",
            title=gettext_lazy("Danh sách quyết định khen thưởng, tờ trình"),
            sheet=gettext_lazy("Quyết định"),
            filename="quyet-dinh",
            columns=_columns_decisions(),
            build=build_decisions,
        ),
        Export(
            name="danh-sach-kem-theo",
            title=gettext_lazy("Danh sách kèm theo"),
            sheet=gettext_lazy("Danh sách kèm theo"),
            filename="danh-sach-kem-theo",
            columns=_columns_annex(),
            build=build_decision_annex,
            needs_object=True,
        ),
        Export(
            name="chi-thuong",
            title=gettext_lazy("Danh sách chi tiền thưởng"),
            sheet=gettext_lazy("Danh sách chi thưởng"),
            filename="chi-thuong",
            columns=_columns_payout(),
            build=build_payout,
            needs_object=True,
        ),
        Export(
            name="theo-doi-nop",
            title=gettext_lazy("Bảng theo dõi nộp văn bản"),
            sheet=gettext_lazy("Theo dõi nộp"),
            filename="theo-doi-nop",
            columns=_columns_board(),
            build=build_submissions_board,
            params=("loc",),
            needs_object=True,
        ),
        Export(
            name="duoc-khen",
            title=gettext_lazy("Danh sách tập thể, cá nhân được khen thưởng"),
            sheet=gettext_lazy("Được khen thưởng"),
            filename="duoc-khen-thuong",
            columns=_columns_honoured(),
            build=build_honoured,
            params=("tu_ngay", "den_ngay", "award", "unit", "unit_kind", "kind", "nhom", "year"),
        ),
        Export(
            name="xep-hang-cum-khoi",
            title=gettext_lazy("Kết quả chấm điểm, xếp hạng thi đua"),
            sheet=gettext_lazy("Xếp hạng"),
            filename="xep-hang",
            columns=_columns_ranking(),
            build=build_ranking,
            needs_object=True,
            numbered=False,  # the rank is the number
        ),
    )
}
