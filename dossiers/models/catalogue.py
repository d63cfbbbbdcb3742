"""The legal catalogue: rules as data with effective dates, editable by administrators.

A dossier is judged by the regime in force on its relevant date; adding the next regime (a new
decree) is a few rows in the admin, not a code change.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    AwardKind,
    CommendationKind,
    ComponentType,
    CouncilVote,
    DecisionLevel,
    EligibilityRule,
    Subject,
    VoteDenominator,
)


class EffectiveQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        return self.filter(Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on)))


class Regime(models.Model):
    """A legal framework in force for a period (NĐ 91/2017, NĐ 98/2023, NĐ 152/2025, Luật 06/2026…).

    The regime of a dossier is the one in force on its receipt date; how a regime treats the dossiers received
    before it began is its own `transition` (data, not code): Luật 06/2026/QH16 keeps them under the 2022 law
    unless its rule is more favourable to the nominee."""

    class Transition(models.TextChoices):
        FROM_RECEIPT = "tu_ngay_tiep_nhan", _("Chỉ áp dụng cho hồ sơ tiếp nhận từ ngày hiệu lực")
        IF_FAVOURABLE = (
            "neu_co_loi_hon",
            _("Hồ sơ tiếp nhận trước ngày hiệu lực giữ chế độ trước, trừ khi chế độ này có lợi hơn cho người được đề nghị"),
        )

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hết hiệu lực ngày"), null=True, blank=True)
    cstdcs_quota_percent = models.DecimalField(
        _("tỷ lệ CSTĐCS tối đa so với số LĐTT (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
        help_text=_("Để trống nếu không giới hạn."),
        null=True,
        blank=True,
    )
    min_working_months = models.PositiveSmallIntegerField(_("số tháng công tác tối thiểu trong năm"), default=6)
    introduced_by = models.CharField(
        _("văn bản đặt ra chế độ"),
        max_length=120,
        blank=True,
        help_text=_("Văn bản mà từ ngày hiệu lực của nó chế độ này được áp dụng, ví dụ “Luật 06/2026/QH16”."),
    )
    transition = models.CharField(
        _("hồ sơ tiếp nhận trước ngày hiệu lực"),
        max_length=20,
        choices=Transition.choices,
        default=Transition.FROM_RECEIPT,
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép quy định từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    confirmed = models.BooleanField(
        _("đã xác nhận các quy định"),
        default=True,
        help_text=_("Bỏ chọn: các quy định được sao chép từ chế độ trước, quản trị viên cần đối chiếu với văn bản."),
    )

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("chế độ pháp lý")
        verbose_name_plural = _("chế độ pháp lý")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc không được trước ngày bắt đầu.")})

    def in_force(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def label(self) -> str:
        """How a verdict names what changed on this regime's first day: its text, else its name."""
        return self.introduced_by or self.name

    @classmethod
    def for_date(cls, on: datetime.date) -> "Regime | None":
        return cls.objects.in_force(on).order_by("-valid_from").first()

    @classmethod
    def choose(cls, received_on: datetime.date, today: datetime.date) -> "RegimeChoice":
        """The regime of a dossier received on `received_on`, judged on `today` (one query)."""
        return choose_regime(list(cls.objects.all()), received_on, today)


@dataclass(frozen=True)
class RegimeChoice:
    """The regime in force on a dossier's receipt date (`governing`, None when the catalogue has none) and the
    later regimes, begun by the day it is judged, that the law lets the nominee have where they are more
    favourable (`favourable`, oldest first)."""

    received_on: datetime.date
    governing: "Regime | None"
    favourable: tuple["Regime", ...] = ()


def choose_regime(regimes: list[Regime], received_on: datetime.date, today: datetime.date) -> RegimeChoice:
    """`Regime.choose` over rows already read: the regime in force on the receipt date (the latest to begin when two
    overlap), and every regime that began after the receipt date and by `today` whose transition lets a dossier
    received before it have its rule when more favourable (also when a later one has since followed it)."""
    in_force = [r for r in regimes if r.in_force(received_on)]
    governing = max(in_force, key=lambda r: r.valid_from) if in_force else None
    favourable = tuple(
        sorted(
            (r for r in regimes if received_on < r.valid_from <= today and r.transition == Regime.Transition.IF_FAVOURABLE),
            key=lambda r: r.valid_from,
        )
    )
    return RegimeChoice(received_on=received_on, governing=governing, favourable=favourable)


class AwardType(models.Model):
    """A title (danh hiệu) or form (hình thức) of commendation."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=40, blank=True)
    kind = models.CharField(_("loại"), max_length=16, choices=AwardKind.choices)
    subject = models.CharField(_("đối tượng"), max_length=16, choices=Subject.choices)
    eligibility_rule = models.CharField(
        _("tiêu chuẩn áp dụng"), max_length=16, choices=EligibilityRule.choices, default=EligibilityRule.BY_REGULATION
    )
    # Who confers it (Luật TĐKT 2022 Điều 80): the Chairman in his own name ("Giấy khen của Chủ tịch UBND …", the titles
    # he decides), whose decision signs "CHỦ TỊCH"; or the committee ("Cờ thi đua của UBND tỉnh"), "TM. ỦY BAN NHÂN DÂN".
    conferred_by = models.CharField(
        _("người tặng, công nhận"),
        max_length=8,
        choices=[("chu_tich", _("Chủ tịch Ủy ban nhân dân")), ("uy_ban", _("Ủy ban nhân dân (tập thể)"))],
        default="chu_tich",
        help_text=_("Quyết định của Chủ tịch ký “CHỦ TỊCH”; quyết định của Ủy ban ký “TM. ỦY BAN NHÂN DÂN”."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def by_committee(self) -> bool:
        """Conferred by the committee as a whole (its decisions sign "TM. ỦY BAN NHÂN DÂN")."""
        return self.conferred_by == "uy_ban"

    def deciders_on(self, on: datetime.date) -> list["AwardDecider"]:
        """The rows in force on `on`, from the prefetched `deciders` when they are there (no query then)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "deciders" in cache:
            return [d for d in cache["deciders"] if d.in_force(on)]
        return list(self.deciders.in_force(on))

    def decided_by(self, authority_level: str, on: datetime.date) -> bool:
        """True when an authority of this level decides the award itself on `on`; False when it proposes upward."""
        return any(d.level == authority_level for d in self.deciders_on(on))

    def levels_on(self, on: datetime.date | None = None) -> list[str]:
        """The levels deciding the award on `on` (today when not given), lowest first, each once."""
        order = list(DecisionLevel.values)
        return sorted({d.level for d in self.deciders_on(on or timezone.localdate())}, key=order.index)


class AwardDecider(models.Model):
    """Who decides an award, by level, for a period (Luật TĐKT 2022 Điều 79–80; the district's powers ended
    on 01/7/2025). Several levels may decide one award at once (a district and a commune both decided LĐTT
    before the district was abolished). A row not confirmed is a default ([B]/[X]) an administrator must check."""

    award = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.CASCADE, related_name="deciders"
    )
    level = models.CharField(_("cấp quyết định"), max_length=16, choices=DecisionLevel.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống nếu chưa có ngày kết thúc."))
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)
    confirmed = models.BooleanField(
        _("đã xác nhận căn cứ"),
        default=True,
        help_text=_("Bỏ chọn: giá trị mặc định, quản trị viên cần kiểm tra căn cứ pháp lý."),
    )

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("thẩm quyền quyết định theo thời gian")
        verbose_name_plural = _("thẩm quyền quyết định theo thời gian")
        ordering = ["valid_from", "level"]
        constraints = [models.UniqueConstraint(fields=["award", "level", "valid_from"], name="award_decider_unique")]

    def __str__(self):
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.award} – {self.get_level_display()} ({self.valid_from:%d/%m/%Y} – {end})"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc không được trước ngày bắt đầu.")})

    def in_force(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class AwardRule(models.Model):
    """What the regime says of one award: coefficient, time limit, vote threshold."""

    award = models.ForeignKey(AwardType, verbose_name=_("danh hiệu, hình thức"), on_delete=models.CASCADE, related_name="rules")
    regime = models.ForeignKey(Regime, verbose_name=_("chế độ"), on_delete=models.CASCADE, related_name="award_rules")
    coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=6, decimal_places=2, null=True, blank=True)
    processing_days = models.PositiveSmallIntegerField(_("thời hạn giải quyết (ngày làm việc)"), default=20)
    vote_threshold_percent = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    vote_denominator = models.CharField(
        _("tính trên"), max_length=16, choices=VoteDenominator.choices, default=VoteDenominator.ALL_MEMBERS
    )
    council_vote = models.CharField(
        _("cách Hội đồng biểu quyết"),
        max_length=16,
        choices=CouncilVote.choices,
        default=CouncilVote.PER_NOMINEE,
        help_text=_(
            "Cả danh sách: một lần biểu quyết cho mọi người, tập thể được đề nghị danh hiệu này trong phiên họp "
            "(người không đủ điều kiện theo thẩm định không có trong danh sách)."
        ),
    )

    class Meta:
        verbose_name = _("quy định theo chế độ")
        verbose_name_plural = _("quy định theo chế độ")
        constraints = [models.UniqueConstraint(fields=["award", "regime"], name="award_rule_unique")]

    def __str__(self):
        return f"{self.award} – {self.regime}"


class BaseSalary(models.Model):
    """Mức lương cơ sở: the base of every bonus, by the date it took effect."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=200)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def for_date(cls, on: datetime.date) -> "BaseSalary | None":
        return cls.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết) skipped by working-day arithmetic."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)
    # A row typed by staff is the government's word; a generated one (dossiers.holidays) waits for the year's
    # confirmation. The working-day arithmetic counts both.
    confirmed = models.BooleanField(
        _("đã xác nhận"), default=True, help_text=_("Đã đối chiếu với thông báo nghỉ lễ, Tết của Chính phủ năm đó.")
    )
    generated = models.BooleanField(
        _("tạo tự động"), default=False, help_text=_("Tạo theo Bộ luật Lao động 2019 (Điều 112), chờ xác nhận.")
    )

    class Meta:
        verbose_name = _("ngày nghỉ lễ, Tết")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class ComponentRequirement(models.Model):
    """A document the dossier must carry, for a kind of commendation and optionally one award."""

    commendation_kind = models.CharField(_("loại hình khen thưởng"), max_length=16, choices=CommendationKind.choices)
    award = models.ForeignKey(
        AwardType,
        verbose_name=_("chỉ áp dụng cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Để trống: áp dụng cho mọi hồ sơ thuộc loại hình này."),
    )
    component = models.CharField(_("thành phần"), max_length=24, choices=ComponentType.choices)
    per_nominee = models.BooleanField(_("mỗi người/tập thể một bản"), default=False)

    class Meta:
        verbose_name = _("thành phần hồ sơ bắt buộc")
        verbose_name_plural = _("thành phần hồ sơ bắt buộc")
        ordering = ["commendation_kind", "component"]

    def __str__(self):
        return f"{self.get_commendation_kind_display()}: {self.get_component_display()}"
