from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import AuthorityOwned

from ..enums import Quarter


class AnnualPlan(AuthorityOwned):
    """Kế hoạch công tác thi đua, khen thưởng of one authority's year: a table of tasks by quarter."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    document_number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True, help_text=_("Ví dụ: 12/KH-UBND."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    source_note = models.CharField(_("ghi chú nguồn"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("kế hoạch công tác TĐKT năm")
        verbose_name_plural = _("kế hoạch công tác TĐKT năm")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="plan_one_per_authority_year")]

    def __str__(self):
        return self.title


class PlanTask(models.Model):
    """One row of the plan: what, by whom (responsible bodies, one per line), by when; tracked to done."""

    plan = models.ForeignKey(AnnualPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks")
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=Quarter.choices)
    number = models.PositiveSmallIntegerField(_("TT"))
    content = models.TextField(_("nội dung"))
    responsible = models.TextField(_("cơ quan thực hiện"), help_text=_("Mỗi dòng một cơ quan, ví dụ: UBND huyện; Phòng Nội vụ."))
    due_date = models.DateField(_("thời hạn"))
    # #13: a province's task every commune (ward) office carries out and reports on (PlanTaskReport).
    for_lower_levels = models.BooleanField(
        _("giao cho UBND cấp xã (mọi xã, phường)"),
        default=False,
        help_text=_("Mỗi xã, phường thấy nhiệm vụ trong mục “Nhiệm vụ cấp trên giao” và tự báo cáo kết quả."),
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả thực hiện"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("nhiệm vụ trong kế hoạch")
        verbose_name_plural = _("nhiệm vụ trong kế hoạch")
        ordering = ["plan", "quarter", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_task_number_unique")]
        indexes = [models.Index(fields=["due_date", "done_on"])]

    def __str__(self):
        return f"{self.number}. {self.content[:80]}"

    @property
    def responsible_list(self) -> list[str]:
        return [line.strip(" -–.;") for line in self.responsible.splitlines() if line.strip(" -–.;")]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class PlanTaskReport(AuthorityOwned):
    """One lower authority's report on a parent's task given to lower levels (#13): done on a date, with
    what was done. One per task and authority; the authority is the reporting commune's."""

    task = models.ForeignKey(PlanTask, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="reports")
    done_on = models.DateField(_("ngày hoàn thành"))
    note = models.TextField(_("kết quả thực hiện"))
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("báo cáo thực hiện nhiệm vụ cấp trên giao")
        verbose_name_plural = _("báo cáo thực hiện nhiệm vụ cấp trên giao")
        ordering = ["task", "authority"]
        constraints = [models.UniqueConstraint(fields=["task", "authority"], name="plan_task_report_one_per_authority")]

    def __str__(self):
        return f"{self.task} – {self.authority}"
