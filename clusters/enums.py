from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    CLUSTER = "cum", _("Cụm thi đua")
    BLOC = "khoi", _("Khối thi đua")


class LeaderPosition(models.TextChoices):
    HEAD = "truong", _("Trưởng cụm, khối")
    DEPUTY = "pho", _("Phó trưởng cụm, khối")


class LeaderMethod(models.TextChoices):
    APPOINTED = "chi_dinh", _("Do UBND chỉ định")
    ELECTED = "bau", _("Do các thành viên bầu")


class SheetStatus(models.TextChoices):
    DRAFT = "soan_thao", _("Đang soạn tiêu chí")
    SCORING = "dang_cham", _("Đang chấm điểm (tiêu chí đã khóa)")
    PUBLISHED = "da_cong_bo", _("Đã chốt và công bố kết quả")


class CriterionKind(models.TextChoices):
    STANDARD = "tieu_chi", _("Tiêu chí")
    BONUS = "cong", _("Điểm thưởng")
    PENALTY = "tru", _("Điểm trừ")


class CardStatus(models.TextChoices):
    DRAFT = "tu_cham", _("Đơn vị đang tự chấm")
    SUBMITTED = "da_gui", _("Đã gửi trưởng cụm, khối")
    REVIEWED = "da_tham_dinh", _("Trưởng cụm, khối đã thẩm định")
    FINAL = "da_chot", _("Cơ quan thường trực đã chốt")
