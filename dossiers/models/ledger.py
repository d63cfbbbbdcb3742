"""The award ledger: every award a person or collective has received, by year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text
from units.models import AuthorityOwned

from ..enums import Gender


class Person(models.Model):
    """A person across years and dossiers; two rows with the same name and birth date are a likely duplicate."""

    full_name = models.CharField(_("họ và tên"), max_length=150, db_index=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=4, choices=Gender.choices, blank=True)
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("đã gộp vào"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "date_of_birth"]
        indexes = [models.Index(fields=["full_name", "date_of_birth"])]

    def __str__(self):
        born = f" ({self.date_of_birth:%d/%m/%Y})" if self.date_of_birth else ""
        return f"{self.full_name}{born}"

    def save(self, *args, **kwargs):
        self.full_name = normalize_text(self.full_name)
        super().save(*args, **kwargs)


class AwardRecord(AuthorityOwned):
    """A row of the ledger, kept by the authority that decided it (or, for history, its successor)."""

    class Source(models.TextChoices):
        DECISION = "quyet_dinh", _("Quyết định trên Cổng")
        IMPORT = "nhap_excel", _("Nhập từ Excel (năm trước)")

    year = models.PositiveSmallIntegerField(_("năm"))
    award = models.ForeignKey("dossiers.AwardType", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE, related_name="awards"
    )
    collective_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("tập thể (đơn vị)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="award_records",
    )
    collective_name = models.CharField(_("tên tập thể"), max_length=255, blank=True)
    nominee = models.OneToOneField(
        "dossiers.Nominee", null=True, blank=True, on_delete=models.SET_NULL, related_name="award_record"
    )
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices, default=Source.DECISION)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # An old decision of an authority dissolved since (a district before 01/07/2025), imported into its
    # successor's ledger (#13): the row is the successor's, the issuer's name stays as it was.
    issuer_name = models.CharField(_("cơ quan quyết định (cũ)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("sổ theo dõi khen thưởng")
        ordering = ["-year", "award__sort_order"]
        indexes = [
            models.Index(fields=["decision_date"], name="ledger_decision_date"),  # statistics by period
            models.Index(fields=["authority", "decision_date"], name="ledger_authority_date"),  # one authority's (#13)
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "award", "year"], condition=Q(person__isnull=False), name="ledger_person_award_year"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(collective_unit__isnull=False) | ~Q(collective_name=""),
                name="ledger_has_holder",
            ),
        ]

    def authority_from_parent(self) -> int | None:
        if self.nominee_id:
            return self.nominee.dossier.authority_id
        return self.collective_unit.authority_id if self.collective_unit_id else None

    @property
    def issuer_label(self) -> str:
        """“Quyết định của UBND huyện Phong Thổ (cũ)” for a row decided by a dissolved authority; else empty."""
        if not self.issuer_name:
            return ""
        return _("Quyết định của %(issuer)s (cũ)") % {"issuer": self.issuer_name}

    def __str__(self):
        holder = self.person or self.collective_unit or self.collective_name
        return f"{self.year}: {self.award} – {holder}"
