from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.models import SearchKeyMixin, SearchKeyQuerySet
from core.text import normalize_text

from .enums import AuthorityLevel, UnitKind


class AuthorityQuerySet(models.QuerySet):
    def working(self):
        """Authorities still in office: a district dissolved in 2025 keeps its name for history only."""
        return self.filter(dissolved_on__isnull=True)

    def working_children(self, authority_id: int):
        """The authorities in office directly below this one (a province's communes and wards)."""
        return self.working().filter(parent_id=authority_id)

    def descendant_ids(self, authority_id: int) -> set[int]:
        """The authority and every authority below it (the tree is a few levels deep: one query a level)."""
        found, frontier = {authority_id}, {authority_id}
        while frontier:
            frontier = set(self.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
            found |= frontier
        return found


@dataclass(frozen=True)
class Threshold:
    """A threshold in force for an authority (Authority.threshold): its value (None: no limit, or the catalogue
    decides award by award) and where it comes from, for the pages and the verdict texts."""

    OWN, ABOVE, CATALOGUE = "own", "above", "catalogue"

    value: Decimal | int | None
    source: str
    # Who set it: the authority (OWN, ABOVE), or the catalogue's words (CATALOGUE: "chế độ Luật TĐKT 2022 và …").
    where: str = ""

    def shown(self, unit: str) -> str:
        """The value as a page writes it: "12,5 %", "15 ngày làm việc"."""
        if isinstance(self.value, Decimal):
            number = f"{self.value.normalize():f}".replace(".", ",")
        else:
            number = str(self.value)
        return f"{number} {unit}"

    def origin(self) -> str:
        """Where the value comes from, in words: "do cơ quan này quy định", "theo UBND tỉnh Lai Châu (cấp trên)"."""
        if self.source == self.OWN:
            return str(_("do cơ quan này quy định"))
        if self.source == self.ABOVE:
            return str(_("theo %(where)s (cơ quan cấp trên)") % {"where": self.where})
        return str(_("theo %(where)s") % {"where": self.where}) if self.where else str(_("theo danh mục pháp lý"))

    def summary(self, unit: str) -> str:
        """What is in force, in words: "15 % theo chế độ Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP"."""
        return self.origin() if self.value is None else f"{self.shown(unit)} {self.origin()}"


class Authority(models.Model):
    """An issuing authority: a province and the communes and wards under it (#13), or one district alone.

    One installation holds a tree of them. Every unit, round, council, register, campaign, plan, request,
    decision and ledger row belongs to one (units.models.AuthorityOwned); everything that names it on a page
    or an official document comes from here, never from code.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Để trống cho cơ quan cao nhất của hệ thống (UBND tỉnh)."),
    )
    code = models.SlugField(
        _("mã cơ quan"), max_length=40, unique=True, null=True, blank=True, help_text=_("Mã ngắn, không dấu, không trùng.")
    )
    # How this authority proposes upward (#13): as a unit of its parent, e.g. "UBND xã Phong Thổ" among the
    # province's units. Its Tờ trình arrives in the parent's queue as a dossier of this unit.
    proposing_unit = models.OneToOneField(
        "units.Unit",
        verbose_name=_("đơn vị đại diện khi đề nghị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represents",
        help_text=_("Đơn vị thuộc cơ quan cấp trên mà tờ trình của cơ quan này được gửi dưới tên đó."),
    )
    level = models.CharField(_("cấp"), max_length=8, choices=AuthorityLevel.choices, default=AuthorityLevel.DISTRICT)
    name = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        default="ỦY BAN NHÂN DÂN",
        help_text=_("Viết hoa như trên văn bản, ví dụ: ỦY BAN NHÂN DÂN HUYỆN THANH OAI."),
    )
    short_name = models.CharField(_("tên ngắn"), max_length=120, default="UBND", help_text=_("Ví dụ: UBND huyện Thanh Oai."))
    parent_name = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_(
            "Chỉ cho cơ quan có cơ quan chủ quản trực tiếp, ví dụ SỞ NỘI VỤ dưới UBND TỈNH. Ủy ban nhân dân không ghi "
            "cơ quan chủ quản trên văn bản (Nghị định 30/2020/NĐ-CP): để trống."
        ),
    )
    parent_addressee = models.CharField(
        _("kính gửi cấp trên"),
        max_length=200,
        blank=True,
        help_text=_("Dòng “Kính gửi” của tờ trình đề nghị cấp trên, ví dụ: Chủ tịch UBND thành phố Hà Nội."),
    )
    standing_office_name = models.CharField(_("cơ quan thường trực thi đua, khen thưởng"), max_length=200, default="Phòng Nội vụ")
    council_name = models.CharField(_("tên Hội đồng"), max_length=200, default="Hội đồng Thi đua – Khen thưởng")
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"),
        max_length=100,
        default="",
        blank=True,
        help_text=_("Dùng trong dòng “Thanh Oai, ngày … tháng … năm …”."),
    )
    document_code = models.CharField(
        _("chữ viết tắt của cơ quan trên số văn bản"),
        max_length=20,
        default="UBND",
        help_text=_("Ví dụ: UBND trong “Số: 15/QĐ-UBND”."),
    )
    office_code = models.CharField(
        _("ký hiệu cơ quan tham mưu"),
        max_length=20,
        default="NV",
        blank=True,
        help_text=_("Sau ký hiệu cơ quan trong số công văn, ví dụ: NV trong “147/UBND-NV”."),
    )
    collective_signing = models.CharField(_("dòng thay mặt tập thể"), max_length=120, default="TM. ỦY BAN NHÂN DÂN")
    chair_title = models.CharField(_("chức danh người đứng đầu"), max_length=120, default="CHỦ TỊCH")
    deputy_signing = models.CharField(_("dòng ký thay"), max_length=120, default="KT. CHỦ TỊCH")
    deputy_title = models.CharField(_("chức danh cấp phó"), max_length=120, default="PHÓ CHỦ TỊCH")
    usual_signer = models.CharField(
        _("người thường ký văn bản khen thưởng"),
        max_length=4,
        choices=[("tm", _("Chủ tịch ký")), ("kt", _("Phó Chủ tịch ký thay"))],
        default="tm",
        help_text=_("Mặc định của người ký khi lập dự thảo; vẫn chọn lại được khi ban hành."),
    )
    office_name = models.CharField(
        _("tên Văn phòng"),
        max_length=200,
        blank=True,
        help_text=_(
            "Viết đủ, không viết tắt, ví dụ: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Thanh Oai. Để trống thì "
            "theo cấp: Văn phòng Ủy ban nhân dân (tỉnh), Văn phòng Hội đồng nhân dân và Ủy ban nhân dân (huyện, xã)."
        ),
    )
    decision_executors = models.TextField(
        _("người thi hành quyết định (Điều 3)"),
        blank=True,
        help_text=_(
            "Mỗi dòng một chức danh, viết đủ, ví dụ: Trưởng phòng Tài chính – Kế hoạch. Để trống thì là người đứng đầu "
            "Văn phòng và cơ quan thường trực thi đua, khen thưởng."
        ),
    )
    chair_name = models.CharField(_("họ tên người đứng đầu"), max_length=120, blank=True)
    deputy_name = models.CharField(_("họ tên cấp phó ký thay"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    # The 2025 reform (#13): a district dissolved on 01/07/2025 keeps its name for history; its records (old
    # decisions imported into the ledger) go to the authority that took them over, e.g. one of its communes.
    dissolved_on = models.DateField(
        _("ngày giải thể"),
        null=True,
        blank=True,
        help_text=_("Cơ quan đã giải thể (như UBND cấp huyện sau 01/7/2025) không còn nhận việc mới; tên vẫn giữ cho lịch sử."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("Cơ quan tiếp nhận hồ sơ, sổ khen thưởng của cơ quan đã giải thể."),
    )
    # Thresholds of its own (#13; domain.md §2: the CSTĐCS quota is the province's to set since 2022; §4: the
    # processing time is "per procedure and province"). Blank follows the authority above; at the top, the catalogue.
    cstdcs_quota_percent = models.DecimalField(
        _("tỷ lệ CSTĐCS tối đa so với số LĐTT (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0"), message=_("Tỷ lệ không được là số âm.")),
            MaxValueValidator(Decimal("100"), message=_("Tỷ lệ không được vượt quá 100 %%.")),
        ],
        help_text=_(
            "Để trống thì theo cơ quan cấp trên; cơ quan cao nhất để trống thì theo chế độ pháp lý đang áp dụng trong danh mục."
        ),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết hồ sơ (ngày làm việc)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("Thời hạn giải quyết phải từ 1 ngày làm việc trở lên.")),
            MaxValueValidator(365, message=_("Thời hạn giải quyết không được quá 365 ngày làm việc.")),
        ],
        help_text=_(
            "Tính từ ngày tiếp nhận hồ sơ. Để trống thì theo cơ quan cấp trên; cơ quan cao nhất để trống thì theo thời hạn "
            "của từng danh hiệu trong danh mục."
        ),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AuthorityQuerySet.as_manager()

    THRESHOLDS = ("cstdcs_quota_percent", "processing_days")
    # What the legal catalogue says when no authority up the tree sets a threshold: {field: callable() -> Threshold}.
    # The catalogue lives in dossiers, above units, so dossiers registers these (dossiers.services.verdicts).
    catalogue_thresholds: ClassVar[dict[str, Callable[[], Threshold]]] = {}

    class Meta:
        db_table = "clusters_authority"  # the table kept its name when the model moved from clusters (#12)
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["parent_id", "name"]
        constraints = [
            # One top authority per installation: two requests creating it at once (root()) make one.
            models.UniqueConstraint(Coalesce("parent", Value(0)), condition=Q(parent__isnull=True), name="authority_one_root")
        ]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        for field in (
            "name",
            "short_name",
            "parent_name",
            "standing_office_name",
            "council_name",
            "place_name",
            "chair_name",
            "deputy_name",
        ):
            setattr(self, field, normalize_text(getattr(self, field)))
        super().save(*args, **kwargs)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Cơ quan cấp trên không được là chính cơ quan này hoặc cơ quan cấp dưới của nó.")}
                )
            ancestor = ancestor.parent
        if self.parent_name.strip() and self.is_peoples_committee:
            raise ValidationError(
                {"parent_name": _("Ủy ban nhân dân không ghi cơ quan chủ quản trên văn bản (Nghị định 30/2020/NĐ-CP): để trống.")}
            )
        self._clean_successor()

    def _clean_successor(self):
        if self.dissolved_on is not None and self.pk is not None and self.predecessors.exists():
            raise ValidationError(
                {"dissolved_on": _("Cơ quan này đang kế thừa cơ quan khác đã giải thể: hãy chuyển cơ quan kế thừa trước.")}
            )
        if self.successor_id is None:
            return
        if self.pk is not None and self.successor_id == self.pk:
            raise ValidationError({"successor": _("Cơ quan kế thừa không được là chính cơ quan này.")})
        if self.successor.dissolved_on is not None:
            raise ValidationError({"successor": _("Cơ quan kế thừa đã giải thể: hãy chọn cơ quan đang hoạt động.")})
        if self.dissolved_on is None:
            raise ValidationError({"dissolved_on": _("Chỉ cơ quan đã giải thể mới có cơ quan kế thừa: hãy nhập ngày giải thể.")})

    @classmethod
    def root(cls) -> "Authority":
        """The installation's top authority (the province; the district of a one-district installation).

        It owns what was made before there were several authorities, and what a caller makes without
        naming one (AuthorityOwned.save); it is created on first use."""
        root = cls.objects.filter(parent=None).order_by("pk").first()
        if root is not None:
            return root
        try:
            with transaction.atomic():
                return cls.objects.create()
        except IntegrityError:  # created by another request meanwhile (authority_one_root)
            return cls.objects.get(parent=None)

    @property
    def is_province(self) -> bool:
        return self.level == AuthorityLevel.PROVINCE

    def threshold(self, name: str, *, catalogue: Threshold | None = None) -> Threshold:
        """The value of a threshold (one of THRESHOLDS) in force for this authority, and where it comes from:
        its own, else the nearest authority above that sets one, else the legal catalogue's (`catalogue`, or
        what dossiers registered). No query when set here; one a level above (the tree is three deep at most)."""
        if name not in self.THRESHOLDS:
            raise ValueError(f"not a threshold: {name}")
        node, own = self, True
        while node is not None:
            value = getattr(node, name)
            if value is not None:
                return Threshold(value, Threshold.OWN if own else Threshold.ABOVE, str(node))
            node, own = node.parent, False
        if catalogue is not None:
            return catalogue
        provider = self.catalogue_thresholds.get(name)
        return provider() if provider else Threshold(None, Threshold.CATALOGUE)

    @property
    def is_peoples_committee(self) -> bool:
        """An Ủy ban nhân dân names no body above it in a document's header (NĐ 30, Phụ lục I)."""
        return normalize_text(self.name).upper().startswith("ỦY BAN NHÂN DÂN")

    def document_header(self) -> dict:
        """What an official document's header and place line print (templates/documents/). The parent-body
        line is the authority's own data, and never printed above a People's Committee."""
        return {
            "name": self.name,
            "parent_name": "" if self.is_peoples_committee else self.parent_name,
            "short_name": self.short_name,
            "place_name": self.place_name,
            "document_code": self.document_code,
        }

    def signer(self, *, deputy: bool, collective: bool = True) -> dict:
        """The signature block. A document of the committee (collective): "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", by a
        deputy "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (`on_behalf` above `signing_line`). A decision
        the chair takes in his own name (collective=False): "CHỦ TỊCH", by a deputy "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
        if deputy:
            block = {"signing_line": self.deputy_signing, "title": self.deputy_title, "name": self.deputy_name}
            return {"on_behalf": self.collective_signing, **block} if collective else block
        return {"signing_line": self.collective_signing if collective else "", "title": self.chair_title, "name": self.chair_name}


class OwnedQuerySet(models.QuerySet):
    """bulk_create skips save(): the rows take their authority here the same way."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_authority()
        return super().bulk_create(objs, *args, **kwargs)


class AuthorityOwned(models.Model):
    """A record that belongs to one authority: its office sees it, nobody else's does (selectors filter on it).

    A child record (a decision of a round, a ledger row of a nominee) takes its parent's authority in its own
    save(); a record made without one belongs to the installation's root authority, which is what every
    record belonged to before #13 and stays right for a one-authority installation."""

    authority = models.ForeignKey(
        "units.Authority", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+", blank=True
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_authority()
        super().save(*args, **kwargs)

    def fill_authority(self) -> None:
        if self.authority_id is None:
            self.authority_id = self.authority_from_parent() or Authority.root().pk

    def authority_from_parent(self) -> int | None:
        return None


class UnitQuerySet(OwnedQuerySet, SearchKeyQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Unit(SearchKeyMixin, AuthorityOwned):
    """A unit (đơn vị) that proposes awards and receives requests: a department, a commune, a school…

    It belongs to the authority that commends it: a province's departments to the province, a commune's
    schools and associations to the commune."""

    name = models.CharField(_("tên đơn vị"), max_length=200)
    code = models.SlugField(_("mã đơn vị"), max_length=40, unique=True, help_text=_("Mã ngắn, không dấu, không trùng."))
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True, db_index=True)
    is_disadvantaged_area = models.BooleanField(_("vùng sâu, vùng xa, biên giới, vùng dân tộc thiểu số"), default=False)
    head_name = models.CharField(_("họ tên thủ trưởng"), max_length=120, blank=True)
    head_title = models.CharField(_("chức vụ thủ trưởng"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The name as searches compare it (core.text.search_key): lower case, without diacritics.
    search_name = models.CharField(max_length=200, blank=True, default="", editable=False, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnitQuerySet.as_manager()
    search_keys = {"search_name": ("name",)}

    class Meta:
        db_table = "clusters_unit"  # the table kept its name when the model moved from clusters (#12)
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "parent"], name="unit_unique_name_in_parent")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        self.head_name = normalize_text(self.head_name)
        super().save(*args, **kwargs)

    def authority_from_parent(self) -> int | None:
        return self.parent.authority_id if self.parent_id else None

    def clean(self):
        self.name = normalize_text(self.name)
        self.head_name = normalize_text(self.head_name)
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Đơn vị cấp trên không được là chính đơn vị này hoặc đơn vị cấp dưới của nó.")}
                )
            ancestor = ancestor.parent

    @property
    def missing_contact_fields(self) -> list[str]:
        """Labels of the contact fields that are still empty (shown as a to-do to the unit)."""
        return [
            str(self._meta.get_field(name).verbose_name) for name in ("head_name", "email", "phone") if not getattr(self, name)
        ]
