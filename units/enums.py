from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityLevel(models.TextChoices):
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")  # a commune, ward or special zone since 01/07/2025


class UnitKind(models.TextChoices):
    DEPARTMENT = "phong_ban", _("Phòng, ban chuyên môn")
    COMMUNE = "xa", _("Xã, phường, thị trấn")
    SCHOOL = "truong_hoc", _("Trường học")
    PUBLIC_SERVICE = "su_nghiep", _("Đơn vị sự nghiệp")
    FRONT_UNION = "mat_tran_doan_the", _("Mặt trận Tổ quốc và các đoàn thể")
    ASSOCIATION = "to_chuc_hoi", _("Tổ chức hội")
    ARMED_FORCES = "luc_luong_vu_trang", _("Lực lượng vũ trang")
    PROVINCIAL = "don_vi_tinh", _("Đơn vị tỉnh đóng trên địa bàn")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
