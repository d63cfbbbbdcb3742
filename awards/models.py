"""From appraised nominees to a signed decision: the council, its meetings and secret ballots, the
decisions (frozen at issue), certificates and the bonus policy."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import AuthorityOwned

from .enums import NEAREST, ROUNDING_CHOICES


class BonusPolicy(models.Model):
    """How bonuses of a regime are rounded ("làm tròn số lên hàng chục nghìn đồng" is read both ways)."""

    regime = models.OneToOneField("dossiers.Regime", verbose_name=_("chế độ"), on_delete=models.CASCADE)
    rounding_mode = models.CharField(
        _("cách làm tròn đến hàng chục nghìn"),
        max_length=12,
        choices=ROUNDING_CHOICES,
        default=NEAREST,
    )
    fund_source = models.CharField(
        _("nguồn chi"),
        max_length=200,
        default="Quỹ thi đua, khen thưởng",
        help_text=_("Ghi tại Điều 2 của quyết định."),
    )

    class Meta:
        verbose_name = _("quy định tiền thưởng")
        verbose_name_plural = _("quy định tiền thưởng")

    def __str__(self):
        return str(self.regime)


class Council(AuthorityOwned):
    """Hội đồng Thi đua – Khen thưởng of one authority in one year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên Hội đồng"), max_length=200)
    establishing_decision = models.CharField(_("quyết định thành lập, kiện toàn"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="council_one_per_authority_year")]

    def __str__(self):
        return f"{self.name} năm {self.year}"


class CouncilMember(models.Model):
    class Position(models.TextChoices):
        """A member's place on the council, as Luật Thi đua, khen thưởng 2022 and NĐ 152/2025 name them: the
        chairman (the People's Committee's), the standing vice chair (the head of the body doing emulation
        work: the Interior office), the other vice chairs, the members; the secretary keeps the minutes. The
        standing vice chair keeps its stored value `thuong_truc` (once labelled "Ủy viên thường trực")."""

        CHAIR = "chu_tich", _("Chủ tịch Hội đồng")
        STANDING = "thuong_truc", _("Phó Chủ tịch thường trực Hội đồng")
        VICE_CHAIR = "pho_chu_tich", _("Phó Chủ tịch Hội đồng")
        MEMBER = "uy_vien", _("Ủy viên")
        SECRETARY = "thu_ky", _("Thư ký")

    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("vị trí"), max_length=16, choices=Position.choices, default=Position.MEMBER)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    votes = models.BooleanField(_("có quyền biểu quyết"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="council_member_unique")]

    def __str__(self):
        return f"{self.user} – {self.position_label}"

    @property
    def position_label(self) -> str:
        """The member's place on the council, one wording for every page (the council page, the
        dashboard): the label of `Position`, never the free text of the person's job title."""
        return self.get_position_display()

    @property
    def office_title(self) -> str:
        """The member's job title: as typed for this council, else the account's."""
        return self.title or self.user.position


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "du_kien", _("Đang chuẩn bị")
        VOTING = "dang_bieu_quyet", _("Đang bỏ phiếu")
        CLOSED = "da_kiem_phieu", _("Đã kiểm phiếu")

    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("nội dung họp"), max_length=255)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    office_report = models.TextField(_("báo cáo của cơ quan thường trực"), blank=True)
    conclusion = models.TextField(_("kết luận của chủ tọa"), blank=True)
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    # The ballot's own random key while voting is open (core.ballots); erased when it closes.
    ballot_key = models.CharField(max_length=64, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    minutes_number = models.CharField(_("số biên bản"), max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        """Being prepared: the agenda may change, voting not yet open."""
        return self.status == self.Status.DRAFT

    @property
    def is_voting(self) -> bool:
        return self.status == self.Status.VOTING

    @property
    def is_closed(self) -> bool:
        """Counted: the results are recorded and shown."""
        return self.status == self.Status.CLOSED


class Tally(models.Model):
    """A question's count once the ballot closes (an agenda list's or a nominee's own)."""

    yes = models.PositiveIntegerField(_("đồng ý"), null=True, blank=True)
    no = models.PositiveIntegerField(_("không đồng ý"), null=True, blank=True)
    abstain = models.PositiveIntegerField(_("không biểu quyết"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("mẫu số"), null=True, blank=True)
    threshold_label = models.CharField(_("yêu cầu"), max_length=120, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        abstract = True


class AgendaList(Tally):
    """One award whose whole list the council approves in one vote (the catalogue's "cả danh sách"):
    one choice per member on the ballot; its result applies to every nominee of the list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="lists")
    award = models.ForeignKey(
        "dossiers.AwardType", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("danh sách biểu quyết một lần")
        verbose_name_plural = _("danh sách biểu quyết một lần")
        ordering = ["award__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "award"], name="agenda_list_unique")]

    def __str__(self):
        return f"Danh sách {self.award}"


class AgendaItem(Tally):
    """One nominee on the meeting's agenda; the result fields are filled when the ballot closes (from
    the nominee's own votes, or from its list's when the award is approved as a list)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    agenda_list = models.ForeignKey(
        AgendaList, verbose_name=_("danh sách"), null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    nominee = models.ForeignKey("dossiers.Nominee", verbose_name=_("người, tập thể"), on_delete=models.PROTECT, related_name="+")
    award = models.ForeignKey(
        "dossiers.AwardType", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["award__sort_order", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nominee"], name="agenda_nominee_unique")]

    def __str__(self):
        return str(self.nominee)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("có mặt"), default=True)
    written_opinion = models.BooleanField(_("vắng, có ý kiến bằng văn bản"), default=False)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self):
        return f"{self.member} – {'có mặt' if self.present else 'vắng'}"


class BallotReceipt(models.Model):
    """That a member has voted (never how): lets the page say who still has to vote."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="+")
    written = models.BooleanField(_("ý kiến bằng văn bản"), default=False)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="receipt_unique")]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"


class Vote(models.Model):
    """One secret vote. It names no member. While the ballot is open `voter_token` is an HMAC of
    (meeting, member) under the meeting's random ballot key, so a member can see and change their own
    votes; when the chair closes the ballot the key is erased and the votes are rewritten shuffled
    with random tokens (core.ballots.forget_voters), so nobody can tell who voted how."""

    class Choice(models.TextChoices):
        YES = "dong_y", _("Đồng ý")
        NO = "khong_dong_y", _("Không đồng ý")
        ABSTAIN = "khong_bieu_quyet", _("Không biểu quyết")

    # A vote is on one nominee (item) or on a whole list (agenda_list), never both.
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    agenda_list = models.ForeignKey(AgendaList, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    voter_token = models.CharField(max_length=64)
    choice = models.CharField(max_length=20, choices=Choice.choices)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["item", "voter_token"], name="one_vote_per_item"),
            models.UniqueConstraint(fields=["agenda_list", "voter_token"], name="one_vote_per_list"),
            models.CheckConstraint(
                condition=models.Q(item__isnull=False, agenda_list__isnull=True)
                | models.Q(item__isnull=True, agenda_list__isnull=False),
                name="vote_on_item_or_list",
            ),
        ]

    def __str__(self):
        return f"Phiếu {self.pk}"  # never the choice nor the voter


class Decision(AuthorityOwned):
    """A Quyết định khen thưởng (this authority decides) or a Tờ trình (it proposes upward)."""

    class Kind(models.TextChoices):
        DECISION = "quyet_dinh", _("Quyết định khen thưởng")
        PROPOSAL = "to_trinh", _("Tờ trình đề nghị cấp trên")

    class Status(models.TextChoices):
        DRAFT = "du_thao", _("Dự thảo")
        ISSUED = "da_ban_hanh", _("Đã ban hành")
        REVOKED = "da_thu_hoi", _("Đã thu hồi, hủy bỏ")

    class Signer(models.TextChoices):
        CHAIR = "tm", _("TM. (người đứng đầu ký)")
        DEPUTY = "kt", _("KT. (cấp phó ký thay)")

    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    round = models.ForeignKey("dossiers.AwardRound", verbose_name=_("đợt xét"), on_delete=models.PROTECT, related_name="+")
    award = models.ForeignKey(
        "dossiers.AwardType", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("trích yếu"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=4, choices=Signer.choices, default=Signer.CHAIR)
    proposal_ref = models.CharField(
        _("căn cứ tờ trình"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Tờ trình số 12/TTr-NV ngày 10/01/2025 của Phòng Nội vụ."),
    )
    number = models.CharField(_("số văn bản"), max_length=40, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    snapshot = models.JSONField(_("nội dung đã ban hành"), default=dict, blank=True)
    pdf = models.FileField(_("tệp PDF đã ban hành"), upload_to="decisions/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    # A Tờ trình sent up in the portal (#13, awards/upward.py): the dossier it became in the parent's queue.
    sent_as = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ ở cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sent_from",
    )
    sent_at = models.DateTimeField(_("gửi lên lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định, tờ trình")
        verbose_name_plural = _("quyết định, tờ trình")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.number or self.get_status_display()} – {self.title}"

    def authority_from_parent(self) -> int | None:
        return self.round.authority_id

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_issued(self) -> bool:
        """Issued and in force (not revoked)."""
        return self.status == self.Status.ISSUED

    @property
    def is_revoked(self) -> bool:
        return self.status == self.Status.REVOKED

    @property
    def decides_here(self) -> bool:
        """A Quyết định of this authority (with money and certificates), not a Tờ trình upward."""
        return self.kind == self.Kind.DECISION


class DecisionLine(models.Model):
    """One nominee in a decision, with the money computed when it is issued."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nominee = models.OneToOneField("dossiers.Nominee", on_delete=models.PROTECT, related_name="decision_line")
    coefficient = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    exact_amount = models.DecimalField(_("số tiền chính xác"), max_digits=14, decimal_places=2, null=True, blank=True)
    amount = models.PositiveIntegerField(_("số tiền"), default=0)

    class Meta:
        ordering = ["nominee__subject", "nominee__dossier__unit__sort_order", "nominee__sort_order", "id"]

    def __str__(self):
        return f"{self.nominee} – {self.amount:,} đ".replace(",", ".")


def _token():
    return secrets.token_urlsafe(16)


class Certificate(AuthorityOwned):
    """One Giấy khen / Giấy chứng nhận, verifiable by the QR code's public token; numbered in its authority's sổ vàng."""

    line = models.OneToOneField(DecisionLine, on_delete=models.CASCADE, related_name="certificate")
    token = models.CharField(max_length=32, unique=True, default=_token)
    register_number = models.PositiveIntegerField(_("số sổ vàng"))
    year = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("giấy khen, giấy chứng nhận")
        verbose_name_plural = _("giấy khen, giấy chứng nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "register_number"], name="certificate_register_unique_in_authority"
            )
        ]

    def __str__(self):
        return f"Sổ vàng {self.register_number}/{self.year}"

    def authority_from_parent(self) -> int | None:
        return self.line.decision.authority_id


class PrintJob(models.Model):
    """A batch print of a decision's certificates, made by Celery in chunks."""

    class Status(models.TextChoices):
        QUEUED = "cho", _("Đang chờ")
        RUNNING = "dang_in", _("Đang tạo")
        DONE = "xong", _("Đã xong")
        FAILED = "loi", _("Lỗi")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="print_jobs")
    blank_form = models.BooleanField(_("in trên phôi"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="print-jobs/", blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The worker's sign of life (core/jobs.py) and the one retry of a failed job (unique: a double click
    # gets the same new job).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    retry_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="retry")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    def __str__(self):
        return f"In giấy khen – {self.decision}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0
