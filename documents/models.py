from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.models import AuthorityOwned

from .enums import PAPER_MM, Align, CertificateField, DocType, Orientation, PageSize

issuer_code_validator = RegexValidator(
    r"^[^\s/]+$", _("Ký hiệu cơ quan không chứa khoảng trắng hay dấu “/” (ví dụ: UBND, NV, HĐTĐKT, UBND-NV).")
)


class NumberRegister(AuthorityOwned):
    """Sổ đăng ký văn bản: one counter per authority, year, kind of document and issuing body.

    NĐ 30 numbers the documents of each issuing body from 01 each year; a council (Hội đồng) that signs in
    its own name keeps its own numbers, so the issuer code is part of the key ("02/BB-HĐTĐKT").
    Staff may raise `last_number` when the portal takes over a register kept on paper mid-year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocType.choices)
    issuer_code = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=32, validators=[issuer_code_validator])
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        ordering = ["-year", "doc_type", "issuer_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "doc_type", "issuer_code"], name="documents_register_unique_in_authority"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.doc_type}-{self.issuer_code} ({self.last_number})"


class DocumentNumber(models.Model):
    """One line of the register: a number taken, never reused (the unique constraint is the last guard)."""

    register = models.ForeignKey(NumberRegister, verbose_name=_("sổ đăng ký"), on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("số"))
    label = models.CharField(_("số, ký hiệu"), max_length=64)
    summary = models.CharField(_("trích yếu"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="documents_number_unique_in_register")]

    def __str__(self):
        return self.label


class CertificateLayout(models.Model):
    """Where each field goes when certificates are printed onto pre-printed blanks (phôi).

    Positions are millimetres from the top-left corner of the sheet; the offsets shift every field at
    once to make up for a printer that feeds the sheet a little off."""

    name = models.CharField(_("tên mẫu phôi"), max_length=120, unique=True)
    page_size = models.CharField(_("khổ giấy"), max_length=4, choices=PageSize.choices, default=PageSize.A4)
    orientation = models.CharField(_("hướng giấy"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE)
    offset_x_mm = models.DecimalField(_("dịch ngang (mm)"), max_digits=5, decimal_places=1, default=0)
    offset_y_mm = models.DecimalField(_("dịch dọc (mm)"), max_digits=5, decimal_places=1, default=0)
    is_default = models.BooleanField(_("mặc định"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu in phôi giấy khen")
        verbose_name_plural = _("mẫu in phôi giấy khen")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="documents_one_default_layout"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def size_mm(self) -> tuple[int, int]:
        width, height = PAPER_MM[PageSize(self.page_size)]
        return (height, width) if self.orientation == Orientation.LANDSCAPE else (width, height)

    def as_dict(self) -> dict:
        """The plain dict that templates/documents/certificate_blank.html takes as `layout`."""
        width, height = self.size_mm
        return {
            "name": self.name,
            "page_size": self.page_size,
            "orientation": self.orientation,
            "width_mm": width,
            "height_mm": height,
            "fields": [
                {
                    "field": f.field,
                    "x_mm": float(f.x_mm + self.offset_x_mm),
                    "y_mm": float(f.y_mm + self.offset_y_mm),
                    "width_mm": float(f.width_mm),
                    "font_size_pt": float(f.font_size_pt),
                    "align": f.align,
                    "bold": f.bold,
                    "italic": f.italic,
                    "prefix": f.prefix,
                }
                for f in self.fields.all()
            ],
        }


class CertificateLayoutField(models.Model):
    layout = models.ForeignKey(CertificateLayout, verbose_name=_("mẫu phôi"), on_delete=models.CASCADE, related_name="fields")
    field = models.CharField(_("trường"), max_length=20, choices=CertificateField.choices)
    x_mm = models.DecimalField(_("cách mép trái (mm)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    y_mm = models.DecimalField(_("cách mép trên (mm)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    width_mm = models.DecimalField(_("rộng (mm)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(5)])
    font_size_pt = models.DecimalField(
        _("cỡ chữ (pt)"), max_digits=4, decimal_places=1, default=14, validators=[MinValueValidator(6), MaxValueValidator(72)]
    )
    align = models.CharField(_("căn lề"), max_length=6, choices=Align.choices, default=Align.CENTER)
    bold = models.BooleanField(_("đậm"), default=False)
    italic = models.BooleanField(_("nghiêng"), default=False)
    prefix = models.CharField(
        _("chữ in trước"),
        max_length=60,
        blank=True,
        help_text=_("Để trống nếu phôi đã in sẵn chữ này (ví dụ “Số vào sổ: ”)."),
    )

    class Meta:
        verbose_name = _("vị trí trường")
        verbose_name_plural = _("vị trí các trường")
        ordering = ["layout", "y_mm", "x_mm"]
        constraints = [models.UniqueConstraint(fields=["layout", "field"], name="documents_layout_field_unique")]

    def __str__(self):
        return f"{self.layout}: {self.get_field_display()}"


class LegalBasisQuerySet(models.QuerySet):
    def in_force(self, on):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )


class LegalBasis(models.Model):
    """A "Căn cứ …;" line a document cites that is not the regime's own law and decree (dossiers.Regime.legal_basis):
    the Luật Tổ chức chính quyền địa phương in force on the date, the province's emulation regulation (set on the
    province, inherited by its communes), the proposal of the standing office… The administrator edits them.

    A document takes the lines in force on its date, for its kind, of no authority or of its authority or one
    above it, by `order`; the regime's lines stand at REGIME_ORDER among them."""

    REGIME_ORDER = 50

    class Kind(models.TextChoices):
        ALL = "all", _("Quyết định và tờ trình")
        DECISION = "quyet_dinh", _("Quyết định")
        PROPOSAL = "to_trinh", _("Tờ trình")

    text = models.TextField(
        _("nội dung"),
        help_text=_(
            "Ví dụ: Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; — có thể dùng {proposal_ref} "
            "(tờ trình được căn cứ), {office_head} (người đứng đầu cơ quan thường trực), {council}; dòng có chỗ trống "
            "không có giá trị thì không in."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=60, help_text=_("Các căn cứ của chế độ pháp lý (luật, nghị định) đứng ở vị trí 50.")
    )
    kind = models.CharField(_("dùng cho"), max_length=12, choices=Kind.choices, default=Kind.ALL)
    authority = models.ForeignKey(
        "units.Authority",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Để trống: mọi cơ quan. Một cơ quan: cơ quan đó và các cơ quan cấp dưới (quy định của tỉnh cho các xã)."),
    )
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        verbose_name = _("căn cứ ban hành")
        verbose_name_plural = _("căn cứ ban hành")
        ordering = ["order", "valid_from", "pk"]

    def __str__(self):
        return self.text[:120]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết áp dụng không được trước ngày bắt đầu áp dụng.")})
