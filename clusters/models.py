"""Clusters and blocs (cụm, khối thi đua) per year: members, heads, scoring sheets, scores, pacts and
the leader election. (The report chain unit → head → office is made of submission requests in
campaigns/.) The units themselves and the issuing authority live in units/."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StoredFile
from core.text import normalize_text
from units.models import AuthorityOwned

from .enums import (
    CardStatus,
    CriterionKind,
    GroupKind,
    LeaderMethod,
    LeaderPosition,
    SheetStatus,
)


class EmulationGroup(AuthorityOwned):
    """One cluster (cụm) or bloc (khối) of one authority in one year. Next year's is a copy, not the same row."""

    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    kind = models.CharField(_("loại"), max_length=8, choices=GroupKind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Cụm thi đua số 1."))
    head = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị trưởng cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị phó trưởng cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    regulations = models.TextField(_("quy chế hoạt động"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["year", "kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["authority", "year", "name"], name="group_unique_name_in_authority_year")]

    def __str__(self):
        return f"{self.name} năm {self.year}"

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        super().save(*args, **kwargs)


class GroupMember(models.Model):
    """A unit in a cluster or bloc for the group's year: one group per unit per year."""

    group = models.ForeignKey(EmulationGroup, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="group_memberships")
    year = models.PositiveSmallIntegerField(_("năm"))

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="group_member_one_group_per_year")]

    def __str__(self):
        return f"{self.unit} – {self.group}"


class LeadershipTerm(models.Model):
    """The rotation history: who headed (or deputised) a group, how they got there, from when to when."""

    group = models.ForeignKey(EmulationGroup, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="terms")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("cương vị"), max_length=8, choices=LeaderPosition.choices)
    method = models.CharField(_("hình thức"), max_length=12, choices=LeaderMethod.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("căn cứ"), max_length=255, blank=True, help_text=_("Ví dụ: Công văn số 2738/UBND-NV."))

    class Meta:
        verbose_name = _("nhiệm kỳ trưởng, phó cụm, khối")
        verbose_name_plural = _("lịch sử luân phiên trưởng, phó cụm, khối")
        ordering = ["started_on", "id"]

    def __str__(self):
        return f"{self.get_position_display()}: {self.unit} ({self.group})"


class ScoringSheet(AuthorityOwned):
    """Tiêu chí chấm điểm. With no group it is the office's template for the year, which groups copy;
    a template belongs to the authority whose office made it, a group's sheet to the group's (#13)."""

    group = models.OneToOneField(
        EmulationGroup, verbose_name=_("cụm, khối"), null=True, blank=True, on_delete=models.CASCADE, related_name="sheet"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên bảng tiêu chí"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=12, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    opened_at = models.DateTimeField(_("mở chấm điểm lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("bảng tiêu chí chấm điểm")
        verbose_name_plural = _("bảng tiêu chí chấm điểm")
        ordering = ["year", "id"]

    def __str__(self):
        return self.title

    def authority_from_parent(self) -> int | None:
        return self.group.authority_id if self.group_id else None

    @property
    def is_template(self) -> bool:
        return self.group_id is None

    @property
    def is_locked(self) -> bool:
        return self.status != SheetStatus.DRAFT

    @property
    def is_draft(self) -> bool:
        return self.status == SheetStatus.DRAFT

    @property
    def is_scoring(self) -> bool:
        return self.status == SheetStatus.SCORING

    @property
    def is_published(self) -> bool:
        return self.status == SheetStatus.PUBLISHED


class Criterion(models.Model):
    """A line of the sheet: a group heading (with children) or a scored item, each with its cap."""

    sheet = models.ForeignKey(ScoringSheet, verbose_name=_("bảng tiêu chí"), on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc nhóm"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("số thứ tự"), max_length=12)
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(_("loại"), max_length=12, choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    evidence = models.CharField(_("minh chứng cần có"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def is_standard(self) -> bool:
        return self.kind == CriterionKind.STANDARD

    @property
    def is_bonus(self) -> bool:
        return self.kind == CriterionKind.BONUS

    @property
    def is_penalty(self) -> bool:
        return self.kind == CriterionKind.PENALTY


class ScoreCard(models.Model):
    """One unit's scores on its group's sheet. Totals are stored after every change (for the ranking)."""

    sheet = models.ForeignKey(ScoringSheet, verbose_name=_("bảng tiêu chí"), on_delete=models.CASCADE, related_name="cards")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="score_cards")
    status = models.CharField(_("trạng thái"), max_length=16, choices=CardStatus.choices, default=CardStatus.DRAFT)
    self_total = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=2, default=0)
    base = models.DecimalField(_("điểm tiêu chí"), max_digits=7, decimal_places=2, default=0)
    bonus = models.DecimalField(_("điểm thưởng"), max_digits=7, decimal_places=2, default=0)
    penalty = models.DecimalField(_("điểm trừ"), max_digits=7, decimal_places=2, default=0)
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2, default=0)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="score_card_one_per_unit")]

    def __str__(self):
        return f"Phiếu chấm điểm của {self.unit}"

    @property
    def is_draft(self) -> bool:
        """The unit is still scoring itself (or scores again after a return)."""
        return self.status == CardStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status == CardStatus.SUBMITTED

    @property
    def is_reviewed(self) -> bool:
        return self.status == CardStatus.REVIEWED

    @property
    def is_final(self) -> bool:
        return self.status == CardStatus.FINAL


def evidence_path(instance, filename):
    return f"cum-khoi/{instance.line.card.sheet_id}/{instance.line.card_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ScoreLine(models.Model):
    """A scored criterion on a card: the unit's own points, the head's adjusted points and why."""

    card = models.ForeignKey(ScoreCard, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="+")
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    reviewed_points = models.DecimalField(_("điểm trưởng cụm chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.CharField(_("lý do điều chỉnh"), max_length=500, blank=True)
    self_note = models.CharField(_("giải trình của đơn vị"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dòng chấm điểm")
        verbose_name_plural = _("dòng chấm điểm")
        constraints = [models.UniqueConstraint(fields=["card", "criterion"], name="score_line_one_per_criterion")]

    def __str__(self):
        return f"{self.card} – {self.criterion_id}"

    @property
    def points(self):
        """What counts: the head's figure once set, otherwise the unit's own."""
        return self.reviewed_points if self.reviewed_points is not None else self.self_points


class Evidence(StoredFile):
    line = models.ForeignKey(ScoreLine, verbose_name=_("dòng chấm điểm"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class Pact(models.Model):
    """Giao ước thi đua of a group and year, generated from its members and their commitments."""

    group = models.OneToOneField(EmulationGroup, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="pact")
    title = models.CharField(_("tên văn bản"), max_length=255)
    common_commitments = models.TextField(_("nội dung giao ước chung"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")

    def __str__(self):
        return self.title


class PactSignature(models.Model):
    pact = models.ForeignKey(Pact, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    commitment = models.TextField(_("nội dung đăng ký của đơn vị"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("xác nhận giao ước")
        verbose_name_plural = _("xác nhận giao ước")
        constraints = [models.UniqueConstraint(fields=["pact", "unit"], name="pact_one_signature_per_unit")]

    def __str__(self):
        return f"{self.unit} – {self.pact}"


class Election(models.Model):
    """Suy tôn: the members' secret ballot for the group's leader of the year.

    `ballot_key` is random per election (core.ballots.new_ballot_key) while the ballot is open, and
    erased when it closes: from then on no vote can be linked to the member that cast it."""

    group = models.OneToOneField(EmulationGroup, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="election")
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), auto_now_add=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    winner = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị được suy tôn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.JSONField(_("kết quả kiểm phiếu"), default=list, blank=True)
    ballot_key = models.CharField(max_length=64, blank=True, editable=False)
    # The dossier drafted from the result is `election.proposal`: the link is kept on the dossier's side
    # (Dossier.from_election), since dossiers stand above clusters.

    class Meta:
        verbose_name = _("cuộc bỏ phiếu suy tôn")
        verbose_name_plural = _("cuộc bỏ phiếu suy tôn")

    def __str__(self):
        return f"Suy tôn {self.group}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ElectionVote(models.Model):
    """One secret vote. While the ballot is open `voter_token` is an HMAC of (election, member unit)
    under the election's own key; at the close the rows are rewritten shuffled with random tokens."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="votes")
    voter_token = models.CharField(max_length=64)
    candidate = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "voter_token"], name="election_one_vote_per_member")]

    def __str__(self):
        return "Phiếu kín"


class ElectionReceipt(models.Model):
    """That a member has voted — never for whom."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="receipts")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    voted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "unit"], name="election_one_receipt_per_member")]

    def __str__(self):
        return f"{self.unit} đã bầu"


def report_path(instance, filename):
    """Kept for migration 0003, which created the former report chain's files (dropped in 0005)."""
    return f"bao-cao-cum-khoi/{instance.call_id}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
