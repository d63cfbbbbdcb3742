import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import SearchKeyMixin, SearchKeyQuerySet, StoredFile
from core.text import normalize_text
from units.models import AuthorityOwned, OwnedQuerySet

from ..enums import (
    APPRAISAL_OPEN,
    Channel,
    CommendationKind,
    ComponentType,
    Discipline,
    DossierStatus,
    Gender,
    Outcome,
    OutcomeSource,
    Subject,
    TaskRating,
    Verdict,
)

# Bootstrap's badge colour of each verdict.
VERDICT_STYLES = {Verdict.ELIGIBLE: "success", Verdict.INELIGIBLE: "danger", Verdict.CHECK: "warning"}


class AwardRound(AuthorityOwned):
    """Đợt xét khen thưởng: an annual round, a school year, a thematic round, or the always-open sudden one."""

    name = models.CharField(_("tên đợt"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm thi đua"), help_text=_("Năm của thành tích (năm học: năm kết thúc)."))
    commendation_kind = models.CharField(_("loại hình khen thưởng"), max_length=16, choices=CommendationKind.choices)
    submission_deadline = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    ceremony_date = models.DateField(_("ngày tổ chức trao thưởng"), null=True, blank=True)
    min_days_before_ceremony = models.PositiveSmallIntegerField(
        _("số ngày tối thiểu trước lễ trao thưởng"),
        default=15,
        help_text=_("Hồ sơ gửi sát hơn số ngày này được đánh dấu để cán bộ thẩm định lưu ý."),
    )
    campaign_name = models.CharField(
        _("phong trào thi đua (đợt chuyên đề)"),
        max_length=255,
        blank=True,
        help_text=_("Chỉ phong trào đã đăng ký với cơ quan thường trực mới được khen thưởng chuyên đề."),
    )
    campaign = models.ForeignKey(  # the one relation against the layers: see pyproject.toml's import-linter contract
        "campaigns.Campaign",
        verbose_name=_("phong trào đã đăng ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_rounds",
    )
    is_open = models.BooleanField(_("đang nhận hồ sơ"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name


def attachment_path(instance, filename):
    # The stored name is random: the uploaded name is kept only as data (original_name).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class DossierQuerySet(OwnedQuerySet, SearchKeyQuerySet):
    pass


class Dossier(SearchKeyMixin, AuthorityOwned):
    """Hồ sơ đề nghị khen thưởng of one unit in one round; it belongs to the round's authority, which receives it."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="dossiers")
    round = models.ForeignKey(AwardRound, verbose_name=_("đợt xét"), on_delete=models.PROTECT, related_name="dossiers")
    commendation_kind = models.CharField(_("loại hình khen thưởng"), max_length=16, choices=CommendationKind.choices)
    title = models.CharField(_("trích yếu"), max_length=255)
    # The title as searches compare it (core.text.search_key): lower case, without diacritics.
    search_title = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT, db_index=True
    )
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    receipt_number = models.CharField(_("số tiếp nhận"), max_length=30, null=True, blank=True)
    due_date = models.DateField(_("ngày hẹn trả kết quả"), null=True, blank=True, db_index=True)
    returned_at = models.DateTimeField(_("yêu cầu bổ sung lúc"), null=True, blank=True)
    return_reason = models.TextField(_("nội dung yêu cầu bổ sung"), blank=True)
    paused_working_days = models.PositiveIntegerField(_("số ngày làm việc tạm dừng"), default=0)
    consultation_note = models.TextField(_("ý kiến các ngành"), blank=True)
    from_election = models.OneToOneField(
        "clusters.Election",
        verbose_name=_("lập từ kết quả suy tôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
        help_text=_("Hồ sơ đề nghị cờ thi đua cho đơn vị được cụm, khối suy tôn (một hồ sơ cho một cuộc suy tôn)."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DossierQuerySet.as_manager()
    search_keys = {"search_title": ("title",)}

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["round", "status"]), models.Index(fields=["unit", "status"])]
        constraints = [
            # Each authority numbers what it receives (its own register, from 1 each year).
            models.UniqueConstraint(fields=["authority", "receipt_number"], name="dossier_receipt_unique_in_authority")
        ]

    def __str__(self):
        return f"{self.title} – {self.unit}"

    def save(self, *args, **kwargs):
        self.title = normalize_text(self.title)
        super().save(*args, **kwargs)

    def authority_from_parent(self) -> int | None:
        return self.round.authority_id

    # The states pages ask about (templates compare through these, never through stored values).
    @property
    def is_draft(self) -> bool:
        return self.status == DossierStatus.DRAFT

    @property
    def is_returned(self) -> bool:
        """Sent back to the unit for a supplement."""
        return self.status == DossierStatus.RETURNED

    @property
    def is_in_appraisal(self) -> bool:
        """Received and not yet appraised: the office records its appraisal per nominee."""
        return self.status in APPRAISAL_OPEN

    @property
    def is_at_council(self) -> bool:
        return self.status == DossierStatus.AT_COUNCIL

    @property
    def is_decided(self) -> bool:
        return self.status == DossierStatus.DECIDED

    @property
    def is_settled(self) -> bool:
        """Decided, closed or withdrawn: nothing more is asked of it (what it lacks is no longer shown)."""
        return self.status in (DossierStatus.DECIDED, DossierStatus.CLOSED, DossierStatus.WITHDRAWN)


class Nominee(SearchKeyMixin, models.Model):
    """One person, collective or household proposed for one award in a dossier."""

    class WorkerCategory(models.TextChoices):
        DIRECT = "truc_tiep", _("Người lao động trực tiếp")
        LEADER = "lanh_dao", _("Lãnh đạo, quản lý")
        OTHER = "khac", _("Cán bộ, công chức, viên chức khác")

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="nominees")
    subject = models.CharField(_("đối tượng"), max_length=16, choices=Subject.choices, default=Subject.INDIVIDUAL)
    award = models.ForeignKey("dossiers.AwardType", verbose_name=_("đề nghị tặng"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "dossiers.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    full_name = models.CharField(_("họ và tên / tên tập thể"), max_length=255)
    # The name as searches compare it (core.text.search_key): lower case, without diacritics.
    search_name = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=4, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnic_minority = models.BooleanField(_("người dân tộc thiểu số"), default=False)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    work_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    worker_category = models.CharField(
        _("nhóm đối tượng"), max_length=16, choices=WorkerCategory.choices, default=WorkerCategory.OTHER
    )
    months_worked = models.PositiveSmallIntegerField(_("số tháng công tác trong năm"), null=True, blank=True)
    discipline = models.CharField(_("kỷ luật trong năm"), max_length=16, choices=Discipline.choices, default=Discipline.NONE)
    task_rating = models.CharField(_("xếp loại nhiệm vụ"), max_length=20, choices=TaskRating.choices, blank=True)
    initiative_ref = models.CharField(
        _("sáng kiến được công nhận"),
        max_length=255,
        blank=True,
        help_text=_("Tên sáng kiến, số và ngày văn bản công nhận."),
    )
    member_count = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    members_completing = models.PositiveIntegerField(_("số thành viên hoàn thành nhiệm vụ"), null=True, blank=True)
    ldtt_count = models.PositiveIntegerField(_("số thành viên đạt LĐTT"), null=True, blank=True)
    cstdcs_count = models.PositiveIntegerField(_("số thành viên đạt CSTĐCS"), null=True, blank=True)
    disciplined_members = models.PositiveIntegerField(_("số thành viên bị kỷ luật từ cảnh cáo trở lên"), null=True, blank=True)
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    verdict = models.CharField(_("kết quả kiểm tra tự động"), max_length=16, choices=Verdict.choices, blank=True)
    verdict_reasons = models.JSONField(_("lý do"), default=list, blank=True)
    appraisal_verdict = models.CharField(_("kết luận thẩm định"), max_length=16, choices=Verdict.choices, blank=True)
    appraisal_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    outcome = models.CharField(_("kết quả xét"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("lý do không được khen"), blank=True)
    # Filled only when a ballot closes (or by an audited override): never typed in, never a default.
    outcome_source = models.CharField(_("căn cứ kết quả"), max_length=16, choices=OutcomeSource.choices, blank=True)
    # The count behind the result: yes, no, abstain, denominator, percent, threshold, meeting.
    outcome_tally = models.JSONField(_("kết quả kiểm phiếu"), default=dict, blank=True)
    outcome_override_reason = models.TextField(_("lý do ghi đè kết quả"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    # In a Tờ trình sent up (#13, services/upward.py): the lower authority's nominee this one came from; the
    # lower authority reads the result here through it.
    proposed_from = models.OneToOneField(
        "self",
        verbose_name=_("đề nghị từ cấp dưới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sent_up_as",
    )

    objects = SearchKeyQuerySet.as_manager()
    search_keys = {"search_name": ("full_name",)}

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["sort_order", "id"]
        indexes = [models.Index(fields=["dossier", "award"])]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.outcome == Outcome.APPROVED

    @property
    def is_overridden(self) -> bool:
        """The result is the office's explicit, reasoned override."""
        return self.outcome_source == OutcomeSource.OVERRIDE

    @property
    def is_outcome_from_appraisal(self) -> bool:
        """Not put to the council: found ineligible at appraisal."""
        return self.outcome_source == OutcomeSource.APPRAISAL

    @property
    def is_appraised_ineligible(self) -> bool:
        return self.appraisal_verdict == Verdict.INELIGIBLE

    @property
    def verdict_style(self) -> str:
        """The badge colour of the automatic verdict ("" when there is none)."""
        return VERDICT_STYLES.get(self.verdict, "")

    @property
    def appraisal_style(self) -> str:
        return VERDICT_STYLES.get(self.appraisal_verdict, "")


class Attachment(StoredFile):
    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="attachments")
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("của"), null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    component = models.CharField(_("thành phần"), max_length=24, choices=ComponentType.choices)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["component", "id"]

    def __str__(self):
        return self.original_name


class DossierRevision(models.Model):
    """What the unit sent, frozen at each submission, so the appraiser sees what changed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("lần gửi"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("lần gửi hồ sơ")
        verbose_name_plural = _("các lần gửi hồ sơ")
        ordering = ["dossier", "number"]
        constraints = [models.UniqueConstraint(fields=["dossier", "number"], name="revision_unique_number")]

    def __str__(self):
        return f"{self.dossier} – lần {self.number}"
