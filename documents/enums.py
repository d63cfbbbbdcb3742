from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    """Kinds of document in the number register; the value is the NĐ 30 abbreviation in the number."""

    DECISION = "QĐ", _("Quyết định")
    PROPOSAL = "TTr", _("Tờ trình")
    MINUTES = "BB", _("Biên bản")
    LETTER = "CV", _("Công văn")
    PLAN = "KH", _("Kế hoạch")
    REPORT = "BC", _("Báo cáo")
    NOTICE = "TB", _("Thông báo")


class PageSize(models.TextChoices):
    A4 = "A4", "A4 (210 × 297 mm)"
    A3 = "A3", "A3 (297 × 420 mm)"


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Ngang")
    PORTRAIT = "portrait", _("Dọc")


class Align(models.TextChoices):
    LEFT = "left", _("Trái")
    CENTER = "center", _("Giữa")
    RIGHT = "right", _("Phải")


class CertificateField(models.TextChoices):
    """What the "fields only" print mode writes onto a pre-printed blank (phôi)."""

    RECIPIENT = "recipient", _("Người/tập thể được khen")
    DETAIL = "detail", _("Chức vụ, đơn vị")
    ACHIEVEMENT = "achievement", _("Thành tích")
    DECISION = "decision", _("Quyết định số, ngày")
    REGISTER_NUMBER = "register_number", _("Số vào sổ")
    PLACE_DATE = "place_date", _("Địa danh, ngày tháng")
    SIGNER_TITLE = "signer_title", _("Chức vụ người ký")
    SIGNER_NAME = "signer_name", _("Họ tên người ký")


# Paper sizes in millimetres, portrait (width, height).
PAPER_MM = {PageSize.A4: (210, 297), PageSize.A3: (297, 420)}
