import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile
from core.text import normalize_text
from units.models import AuthorityOwned

from ..enums import STILL_OWED, BoardState, DocumentKind, DueMode, Receiver, RecipientMode, SubmissionStatus


def letter_path(instance, filename):
    # A random stored name: the file is served only through the permission-checked view.
    return f"campaigns/letters/{instance.issued_on:%Y}/{uuid.uuid4().hex}.pdf"


class SubmissionRequest(AuthorityOwned):
    """Yêu cầu nộp: "send X to the office by date D", addressed to a set of units."""

    title = models.CharField(
        _("văn bản cần nộp"), max_length=255, help_text=_("Ví dụ: Kế hoạch phát động phong trào thi đua năm 2026 của đơn vị.")
    )
    document_kind = models.CharField(_("loại văn bản"), max_length=24, choices=DocumentKind.choices)
    description = models.TextField(_("yêu cầu cụ thể"), blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("thuộc phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submission_requests",
    )
    recipient_mode = models.CharField(_("gửi đến"), max_length=16, choices=RecipientMode.choices)
    recipient_kinds = models.JSONField(_("các loại đơn vị nhận"), default=list, blank=True)
    receiver = models.CharField(_("nơi nhận"), max_length=24, choices=Receiver.choices, default=Receiver.OFFICE)
    groups = models.ManyToManyField(
        "clusters.EmulationGroup", verbose_name=_("các cụm, khối"), blank=True, related_name="submission_requests"
    )
    due_mode = models.CharField(_("cách tính hạn"), max_length=16, choices=DueMode.choices, default=DueMode.DATE)
    due_days = models.PositiveSmallIntegerField(_("số ngày"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    due_date = models.DateField(_("hạn nộp"), db_index=True)
    outline = models.TextField(_("đề cương báo cáo"), blank=True)
    document_number = models.CharField(_("số công văn"), max_length=50, blank=True, help_text=_("Ví dụ: 147/UBND-NV."))
    # The Công văn as numbered from the register: the plain dict it was rendered from, the PDF rendered
    # once then, and that PDF's SHA-256. Later edits of the request never change it.
    letter_snapshot = models.JSONField(_("nội dung công văn đã cấp số"), default=dict, blank=True)
    letter_pdf = models.FileField(_("tệp PDF công văn đã cấp số"), upload_to=letter_path, blank=True)
    letter_sha256 = models.CharField(_("SHA-256 của tệp công văn"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    closed_at = models.DateTimeField(_("kết thúc theo dõi lúc"), null=True, blank=True)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("bước trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_steps",
        help_text=_(
            "Chuỗi báo cáo qua cụm, khối: yêu cầu trưởng cụm, khối gửi báo cáo tổng hợp đi sau yêu cầu các đơn vị "
            "thành viên gửi trưởng cụm, khối."
        ),
    )

    class Meta:
        verbose_name = _("yêu cầu nộp văn bản")
        verbose_name_plural = _("yêu cầu nộp văn bản")
        ordering = ["-due_date", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = normalize_text(self.title)
        super().save(*args, **kwargs)

    def authority_from_parent(self) -> int | None:
        if self.follows_id:
            return self.follows.authority_id
        return self.campaign.authority_id if self.campaign_id else None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def to_cluster_head(self) -> bool:
        """The members send to their cluster's or bloc's head, who reviews (not the office)."""
        return self.receiver == Receiver.CLUSTER_HEAD

    @property
    def due_in_working_days(self) -> bool:
        return self.due_mode == DueMode.WORKING_DAYS

    @property
    def due_in_calendar_days(self) -> bool:
        return self.due_mode == DueMode.CALENDAR_DAYS

    @property
    def letter_frozen(self) -> bool:
        """The Công văn was numbered from the register and stored: it is served as stored."""
        return bool(self.letter_pdf)


class RequestRecipient(models.Model):
    """One unit that must send the document, and where it stands."""

    request = models.ForeignKey(SubmissionRequest, verbose_name=_("yêu cầu"), on_delete=models.CASCADE, related_name="recipients")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="submission_requests")
    group = models.ForeignKey(
        "clusters.EmulationGroup",
        verbose_name=_("qua cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Cụm, khối của đơn vị: đơn vị thành viên gửi qua trưởng cụm, khối, hoặc đơn vị trưởng gửi thay mặt cụm, khối."
        ),
    )
    status = models.CharField(_("tình trạng"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.MISSING)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("đơn vị phải nộp")
        verbose_name_plural = _("đơn vị phải nộp")
        ordering = ["unit__sort_order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="request_recipient_once")]
        indexes = [models.Index(fields=["request", "status"]), models.Index(fields=["unit", "status"])]

    def __str__(self):
        return f"{self.unit} – {self.request}"

    @property
    def is_missing(self) -> bool:
        return self.status == SubmissionStatus.MISSING

    @property
    def is_waiting(self) -> bool:
        """Sent, waiting for the receiver's review."""
        return self.status == SubmissionStatus.SUBMITTED

    @property
    def is_accepted(self) -> bool:
        return self.status == SubmissionStatus.ACCEPTED

    @property
    def is_returned(self) -> bool:
        return self.status == SubmissionStatus.RETURNED

    @property
    def still_owed(self) -> bool:
        return self.status in STILL_OWED

    @property
    def board_label(self) -> str:
        """What the tracking board says of this row (rows read through selectors.requests.with_board_state)."""
        return BoardState(self.board_state).label

    @property
    def is_late(self) -> bool:
        return self.board_state == BoardState.LATE


def submission_path(instance, filename):
    # The stored name is random: the uploaded name is kept only as data (original_name).
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"campaigns/requests/{instance.recipient.request_id}/{uuid.uuid4().hex}{suffix}"


class Submission(StoredFile):
    """One file a unit uploaded for a request (a resubmission after a return adds another)."""

    recipient = models.ForeignKey(
        RequestRecipient, verbose_name=_("đơn vị nộp"), on_delete=models.CASCADE, related_name="submissions"
    )
    file = models.FileField(_("tệp"), upload_to=submission_path)
    note = models.TextField(_("ghi chú của đơn vị"), blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        verbose_name = _("văn bản đã nộp")
        verbose_name_plural = _("văn bản đã nộp")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.original_name
