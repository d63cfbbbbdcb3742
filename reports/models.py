"""The reports app's rows: Excel exports too big to send back at once (made by Celery in chunks, with a
progress bar), and the review reports the standing office drafts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import AuthorityOwned


def export_path(instance, filename):
    # Files stay under MEDIA_ROOT but are never served from MEDIA_URL: only the owner's download view reads them.
    return f"exports/{instance.created_by_id}/{uuid.uuid4().hex}.xlsx"


class ExportJob(models.Model):
    """One export of one list, with its filter, for one user."""

    class Status(models.TextChoices):
        QUEUED = "cho", _("Đang chờ")
        RUNNING = "dang_tao", _("Đang tạo tệp")
        DONE = "xong", _("Đã xong")
        FAILED = "loi", _("Lỗi")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xuất"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    # The authority the owner acted in when the job was started (#13): the worker makes the file in that
    # authority, whatever the owner acts in when it runs, and fails it if the owner may no longer act there.
    authority = models.ForeignKey(
        "units.Authority", verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    export = models.CharField(_("danh sách"), max_length=40)
    title = models.CharField(_("tên danh sách"), max_length=255)
    params = models.JSONField(_("điều kiện lọc"), default=dict, blank=True)
    params_key = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    file = models.FileField(_("tệp"), upload_to=export_path, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    back_url = models.CharField(max_length=1000, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    # The worker's sign of life (core/jobs.py): set when it claims the job and after every chunk.
    heartbeat_at = models.DateTimeField(_("tiến trình báo lần cuối lúc"), null=True, blank=True)
    # A failed job is retried at most once: a second click finds this (unique) link and gets the same new job.
    retry_of = models.OneToOneField(
        "self", verbose_name=_("thử lại của"), null=True, blank=True, on_delete=models.SET_NULL, related_name="retry"
    )

    class Meta:
        verbose_name = _("tệp Excel xuất ra")
        verbose_name_plural = _("tệp Excel xuất ra")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second click while the same export is being made returns that job (see exports.jobs.export_job_start).
            models.UniqueConstraint(
                fields=["created_by", "export", "params_key"],
                condition=Q(status__in=["cho", "dang_tao"]),
                name="export_job_one_active",
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.created_by}"

    @property
    def percent(self) -> int:
        if self.is_done:
            return 100
        return min(100, int(self.done * 100 / self.total)) if self.total else 0

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED


class ReviewReport(AuthorityOwned):
    class Kind(models.TextChoices):
        INTERIM = "so_ket", _("Sơ kết 6 tháng đầu năm")
        FINAL = "tong_ket", _("Tổng kết năm")

    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    date_from = models.DateField(_("số liệu từ ngày"))
    cutoff = models.DateField(_("số liệu tính đến ngày"))
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    leadership = models.TextField(_("công tác lãnh đạo, chỉ đạo (bổ sung)"), blank=True, help_text=_("Mỗi dòng là một đoạn văn."))
    movements = models.TextField(_("kết quả tổ chức phong trào thi đua (bổ sung)"), blank=True)
    strengths = models.TextField(_("ưu điểm"), blank=True)
    weaknesses = models.TextField(_("hạn chế, khuyết điểm"), blank=True)
    next_tasks = models.TextField(_("phương hướng, nhiệm vụ kỳ tới"), blank=True, help_text=_("Mỗi dòng là một nhiệm vụ."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        ordering = ["-year", "-kind"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind", "year"], name="review_report_one_per_authority_kind_year")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"
