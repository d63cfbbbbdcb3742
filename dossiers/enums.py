from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "danh_hieu", _("Danh hiệu thi đua")
    FORM = "hinh_thuc", _("Hình thức khen thưởng")


class Subject(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Cá nhân")
    COLLECTIVE = "tap_the", _("Tập thể")
    HOUSEHOLD = "ho_gia_dinh", _("Hộ gia đình")
    VILLAGE = "thon_to", _("Thôn, tổ dân phố")


class DecisionLevel(models.TextChoices):
    COMMUNE = "xa", _("Chủ tịch UBND cấp xã")
    DISTRICT = "huyen", _("Chủ tịch UBND cấp huyện")
    PROVINCE = "tinh", _("Chủ tịch UBND cấp tỉnh")
    NATIONAL = "trung_uong", _("Cấp trung ương")


class CommendationKind(models.TextChoices):
    REGULAR = "thuong_xuyen", _("Thường xuyên (tổng kết năm)")
    THEMATIC = "chuyen_de", _("Theo đợt, chuyên đề")
    SUDDEN = "dot_xuat", _("Đột xuất (thủ tục đơn giản)")
    # Mostly national awards a commune proposes upward (domain.md §3): Huân chương, Huy chương.
    LONG_SERVICE = "cong_hien", _("Quá trình cống hiến")
    SERVICE_YEARS = "nien_han", _("Theo niên hạn")
    FOREIGN = "doi_ngoai", _("Đối ngoại")


class EligibilityRule(models.TextChoices):
    """Which criteria of domain.md §2 the engine applies to an award."""

    LDTT = "ldtt", _("Lao động tiên tiến")
    CSTDCS = "cstdcs", _("Chiến sĩ thi đua cơ sở")
    CSTD_TINH = "cstd_tinh", _("Chiến sĩ thi đua cấp tỉnh")
    TTLDTT = "ttldtt", _("Tập thể lao động tiên tiến")
    TTLDXS = "ttldxs", _("Tập thể lao động xuất sắc")
    BY_REGULATION = "quy_che", _("Theo quy chế thi đua, khen thưởng của tỉnh")


class VoteDenominator(models.TextChoices):
    ALL_MEMBERS = "tong_so", _("Tổng số thành viên Hội đồng")
    PRESENT = "co_mat", _("Số thành viên có mặt")


class CouncilVote(models.TextChoices):
    """How the council decides an award: a secret ballot on each nominee, or one vote approving the
    whole list of an award (the year's LĐTT, TTLĐTT…)."""

    PER_NOMINEE = "tung_nguoi", _("Bỏ phiếu từng người, tập thể")
    LIST = "ca_danh_sach", _("Biểu quyết thông qua cả danh sách")


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class TaskRating(models.TextChoices):
    EXCELLENT = "xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "tot", _("Hoàn thành tốt nhiệm vụ")
    DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")


GOOD_OR_BETTER = frozenset({TaskRating.EXCELLENT, TaskRating.GOOD})


class Discipline(models.TextChoices):
    NONE = "khong", _("Không bị kỷ luật")
    REPRIMAND = "khien_trach", _("Khiển trách")
    WARNING = "canh_cao", _("Cảnh cáo")
    HIGHER = "cao_hon", _("Từ hạ bậc lương, cách chức trở lên")


class ComponentType(models.TextChoices):
    PROPOSAL = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    SUMMARY_REPORT = "bao_cao_tom_tat", _("Báo cáo tóm tắt thành tích")
    MINUTES = "bien_ban", _("Biên bản họp bình xét")
    INITIATIVE = "sang_kien", _("Giấy chứng nhận, xác nhận sáng kiến")
    CAMPAIGN_PLAN = "ke_hoach", _("Kế hoạch, báo cáo sơ kết/tổng kết phong trào")
    # The dossiers of cống hiến, niên hạn and đối ngoại [B]: their components are catalogue rows an
    # administrator may change (dossiers.catalogue_seed.COMPONENTS).
    SERVICE_RECORD = "qua_trinh_cong_tac", _("Báo cáo tóm tắt quá trình công tác và thành tích cống hiến")
    SERVICE_YEARS_STATEMENT = "ban_khai_nien_han", _("Bản khai thời gian công tác tính niên hạn")
    FOREIGN_AFFAIRS_OPINION = "y_kien_doi_ngoai", _("Ý kiến của cơ quan quản lý công tác đối ngoại")
    OTHER = "khac", _("Tài liệu khác")


class Channel(models.TextChoices):
    ONLINE = "truc_tuyen", _("Trực tuyến trên Cổng")
    ONE_STOP = "mot_cua", _("Trực tiếp tại Bộ phận Một cửa")
    POST = "buu_chinh", _("Qua bưu chính")
    UPWARD = "cap_duoi", _("Tờ trình cấp dưới gửi lên qua Cổng")


class DossierStatus(models.TextChoices):
    DRAFT = "nhap", _("Đang soạn")
    SUBMITTED = "da_gui", _("Đã gửi, chờ tiếp nhận")
    RECEIVED = "da_tiep_nhan", _("Đã tiếp nhận, đang thẩm định")
    RETURNED = "yeu_cau_bo_sung", _("Yêu cầu bổ sung")
    CONSULTING = "lay_y_kien", _("Đang lấy ý kiến các ngành")
    APPRAISED = "da_tham_dinh", _("Đã thẩm định")
    AT_COUNCIL = "trinh_hoi_dong", _("Trình Hội đồng")
    DECIDED = "da_quyet_dinh", _("Đã có kết quả")
    CLOSED = "da_dong", _("Đã kết thúc")
    WITHDRAWN = "da_rut", _("Đơn vị đã rút")


# Named groups of states
UNIT_EDITABLE = frozenset({DossierStatus.DRAFT, DossierStatus.RETURNED})
IN_OFFICE = frozenset({DossierStatus.RECEIVED, DossierStatus.CONSULTING, DossierStatus.APPRAISED, DossierStatus.AT_COUNCIL})
CLOCK_RUNNING = frozenset({DossierStatus.RECEIVED, DossierStatus.CONSULTING})
APPRAISAL_OPEN = frozenset({DossierStatus.RECEIVED, DossierStatus.CONSULTING})  # the office appraises each nominee
FINISHED = frozenset({DossierStatus.DECIDED, DossierStatus.CLOSED, DossierStatus.WITHDRAWN})


class Verdict(models.TextChoices):
    ELIGIBLE = "du_dieu_kien", _("Đủ điều kiện")
    INELIGIBLE = "khong_du", _("Không đủ điều kiện")
    CHECK = "can_kiem_tra", _("Cần kiểm tra")


class Outcome(models.TextChoices):
    APPROVED = "duoc_khen", _("Được khen thưởng")
    REJECTED = "khong_duoc_khen", _("Không được khen thưởng")


class OutcomeSource(models.TextChoices):
    """Where a nominee's result came from: only a ballot (or an audited override) can award."""

    BALLOT = "phieu_kin", _("Bỏ phiếu kín của Hội đồng")
    LIST_VOTE = "danh_sach", _("Hội đồng biểu quyết thông qua danh sách")
    APPRAISAL = "tham_dinh", _("Không đủ điều kiện theo kết luận thẩm định")
    OVERRIDE = "ghi_de", _("Ghi đè có lý do của cơ quan thường trực")
