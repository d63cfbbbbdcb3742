from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    REGULAR = "thuong_xuyen", _("Thường xuyên")
    PHASED = "theo_dot", _("Theo đợt")
    ANNUAL = "hang_nam", _("Hằng năm")
    FIVE_YEAR = "5_nam", _("5 năm")
    THEMATIC = "chuyen_de", _("Chuyên đề")


class CampaignScope(models.TextChoices):
    WHOLE_AREA = "toan_dia_ban", _("Toàn địa bàn")
    SECTOR = "nganh", _("Ngành, lĩnh vực")


class MilestoneKind(models.TextChoices):
    INTERIM = "so_ket", _("Sơ kết")
    FINAL = "tong_ket", _("Tổng kết")


class Quarter(models.IntegerChoices):
    Q1 = 1, _("Quý I")
    Q2 = 2, _("Quý II")
    Q3 = 3, _("Quý III")
    Q4 = 4, _("Quý IV")


class DocumentKind(models.TextChoices):
    PLAN = "ke_hoach", _("Kế hoạch")
    INTERIM_REPORT = "bao_cao_so_ket", _("Báo cáo sơ kết")
    FINAL_REPORT = "bao_cao_tong_ket", _("Báo cáo tổng kết")
    REGISTRATION = "dang_ky_thi_dua", _("Bản đăng ký thi đua")
    REGULATION = "quy_che", _("Quy chế, tiêu chí chấm điểm, giao ước thi đua")
    DOSSIER = "ho_so_khen_thuong", _("Hồ sơ đề nghị khen thưởng")
    OTHER = "khac", _("Văn bản khác")


class RecipientMode(models.TextChoices):
    """Who must send."""

    ALL = "tat_ca", _("Tất cả đơn vị")
    KINDS = "theo_loai", _("Theo loại đơn vị")
    NAMED = "chi_dinh", _("Các đơn vị được chọn")
    CLUSTERS = "cum_khoi", _("Thành viên các cụm, khối được chọn")
    CLUSTER_HEADS = "truong_cum_khoi", _("Đơn vị trưởng các cụm, khối")


class Receiver(models.TextChoices):
    """Who receives and reviews: the office, or (for members of clusters) each cluster's head."""

    OFFICE = "co_quan_thuong_truc", _("Cơ quan thường trực thi đua, khen thưởng")
    CLUSTER_HEAD = "truong_cum_khoi", _("Trưởng cụm, khối của đơn vị")


class DueMode(models.TextChoices):
    DATE = "ngay", _("Đến một ngày cụ thể")
    CALENDAR_DAYS = "ngay_lich", _("Số ngày kể từ ngày ban hành")
    WORKING_DAYS = "ngay_lam_viec", _("Số ngày làm việc kể từ ngày ban hành")


class SubmissionStatus(models.TextChoices):
    MISSING = "chua_nop", _("Chưa nộp")
    SUBMITTED = "da_nop", _("Đã nộp, chờ xem xét")
    ACCEPTED = "da_chap_nhan", _("Đã chấp nhận")
    RETURNED = "tra_lai", _("Bị trả lại")


# Recipients that still owe the document: the scan reminds them.
STILL_OWED = frozenset({SubmissionStatus.MISSING, SubmissionStatus.RETURNED})


class BoardState(models.TextChoices):
    """What the tracking board shows for one recipient."""

    ON_TIME = "dung_han", _("Nộp đúng hạn")
    LATE = "tre_han", _("Nộp trễ hạn")
    RETURNED = "tra_lai", _("Bị trả lại")
    MISSING = "chua_nop", _("Chưa nộp")


class ItemType(models.TextChoices):
    """What a reminder is about."""

    SUBMISSION = "yeu_cau_nop", _("Yêu cầu nộp")
    AWARD_ROUND = "dot_xet", _("Hạn nộp hồ sơ của đợt xét")
    DOSSIER = "ho_so", _("Hạn giải quyết hồ sơ")
    DIGEST = "tong_hop", _("Tổng hợp việc quá hạn")


class ReminderKind(models.TextChoices):
    BEFORE = "truoc_han", _("Nhắc trước hạn")
    OVERDUE = "qua_han", _("Nhắc quá hạn")
    ESCALATION = "bao_thu_truong", _("Báo thủ trưởng đơn vị")
    MANUAL = "thu_cong", _("Nhắc từ bảng theo dõi")
    DIGEST = "tong_hop", _("Bản tổng hợp hằng ngày")


class PeriodKind(models.TextChoices):
    MONTH = "thang", _("Tháng")
    QUARTER = "quy", _("Quý")


class ExemplaryKind(models.TextChoices):
    ADVANCED = "dien_hinh", _("Gương điển hình tiên tiến")
    GOOD_DEED = "nguoi_tot", _("Gương người tốt, việc tốt")
    NEW_MODEL = "mo_hinh_moi", _("Mô hình mới")


class ExemplaryStatus(models.TextChoices):
    SUBMITTED = "da_gui", _("Đơn vị đã giới thiệu")
    PUBLISHED = "da_cong_bo", _("Đã chọn tuyên truyền")
    NOT_CHOSEN = "chua_chon", _("Chưa chọn")
