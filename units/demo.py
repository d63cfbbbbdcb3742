"""Demo organisation: Thanh Oai district (Hà Nội), after the Thanh Oai seed letter 147/UBND-NV (2023).
Names of departments and communes are the real ones; people are fictional."""

from .enums import AuthorityLevel, UnitKind
from .models import Authority, Unit

AUTHORITY = {
    "level": AuthorityLevel.DISTRICT,
    "name": "ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
    "short_name": "UBND huyện Thanh Oai",
    "parent_name": "",  # a People's Committee names no body above it (NĐ 30)
    "parent_addressee": "Chủ tịch Ủy ban nhân dân thành phố Hà Nội",
    "office_name": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Thanh Oai",
    "decision_executors": "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện\nTrưởng phòng Nội vụ\n"
    "Trưởng phòng Tài chính – Kế hoạch",
    "standing_office_name": "Phòng Nội vụ",
    "council_name": "Hội đồng Thi đua – Khen thưởng huyện",
    "place_name": "Thanh Oai",
    "document_code": "UBND",
    "collective_signing": "TM. ỦY BAN NHÂN DÂN",
    "chair_title": "CHỦ TỊCH",
    "deputy_signing": "KT. CHỦ TỊCH",
    "deputy_title": "PHÓ CHỦ TỊCH",
    "chair_name": "Bùi Văn Hải",
    "deputy_name": "Đặng Thị Thu",
    "address": "Thị trấn Kim Bài, huyện Thanh Oai, thành phố Hà Nội",
    "email": "ubnd@thanhoai.example.vn",
}

# (code, name, kind, parent code or None, head name, head title)
UNITS = [
    ("vp-hdnd-ubnd", "Văn phòng HĐND và UBND huyện", UnitKind.DEPARTMENT, None, "Ngô Văn Thành", "Chánh Văn phòng"),
    ("phong-noi-vu", "Phòng Nội vụ", UnitKind.DEPARTMENT, None, "Hoàng Văn Sơn", "Trưởng phòng"),
    ("phong-kinh-te", "Phòng Kinh tế", UnitKind.DEPARTMENT, None, "Vũ Đức Long", "Trưởng phòng"),
    ("phong-tnmt", "Phòng Tài nguyên và Môi trường", UnitKind.DEPARTMENT, None, "Lương Văn Phúc", "Trưởng phòng"),
    ("phong-tckh", "Phòng Tài chính – Kế hoạch", UnitKind.DEPARTMENT, None, "Đinh Thị Mai", "Trưởng phòng"),
    ("phong-ldtbxh", "Phòng Lao động – Thương binh và Xã hội", UnitKind.DEPARTMENT, None, "Trịnh Văn Hùng", "Trưởng phòng"),
    ("phong-vhtt", "Phòng Văn hóa và Thông tin", UnitKind.DEPARTMENT, None, "Phan Thị Hạnh", "Trưởng phòng"),
    ("phong-y-te", "Phòng Y tế", UnitKind.DEPARTMENT, None, "", ""),
    ("phong-gddt", "Phòng Giáo dục và Đào tạo", UnitKind.DEPARTMENT, None, "Tạ Quang Huy", "Trưởng phòng"),
    ("phong-tu-phap", "Phòng Tư pháp", UnitKind.DEPARTMENT, None, "Cao Thị Yến", "Trưởng phòng"),
    ("tt-kim-bai", "UBND thị trấn Kim Bài", UnitKind.COMMUNE, None, "Đỗ Minh Tuấn", "Chủ tịch UBND thị trấn"),
    ("xa-bich-hoa", "UBND xã Bích Hòa", UnitKind.COMMUNE, None, "Nguyễn Hữu Toàn", "Chủ tịch UBND xã"),
    ("xa-binh-minh", "UBND xã Bình Minh", UnitKind.COMMUNE, None, "Lê Văn Khải", "Chủ tịch UBND xã"),
    ("xa-cao-duong", "UBND xã Cao Dương", UnitKind.COMMUNE, None, "Trần Đình Dũng", "Chủ tịch UBND xã"),
    ("xa-cao-vien", "UBND xã Cao Viên", UnitKind.COMMUNE, None, "Phạm Văn Quý", "Chủ tịch UBND xã"),
    ("xa-cu-khe", "UBND xã Cự Khê", UnitKind.COMMUNE, None, "Nguyễn Thị Thoa", "Chủ tịch UBND xã"),
    ("xa-dan-hoa", "UBND xã Dân Hòa", UnitKind.COMMUNE, None, "Đặng Văn Lực", "Chủ tịch UBND xã"),
    ("xa-do-dong", "UBND xã Đỗ Động", UnitKind.COMMUNE, None, "Bùi Thị Nga", "Chủ tịch UBND xã"),
    ("xa-hong-duong", "UBND xã Hồng Dương", UnitKind.COMMUNE, None, "Vương Văn Cường", "Chủ tịch UBND xã"),
    ("xa-kim-an", "UBND xã Kim An", UnitKind.COMMUNE, None, "", ""),
    ("xa-kim-thu", "UBND xã Kim Thư", UnitKind.COMMUNE, None, "Hà Văn Thắng", "Chủ tịch UBND xã"),
    ("xa-lien-chau", "UBND xã Liên Châu", UnitKind.COMMUNE, None, "Chu Thị Huệ", "Chủ tịch UBND xã"),
    ("xa-my-hung", "UBND xã Mỹ Hưng", UnitKind.COMMUNE, None, "Kiều Văn Bình", "Chủ tịch UBND xã"),
    ("xa-phuong-trung", "UBND xã Phương Trung", UnitKind.COMMUNE, None, "Nguyễn Văn Tiến", "Chủ tịch UBND xã"),
    ("xa-tam-hung", "UBND xã Tam Hưng", UnitKind.COMMUNE, None, "Lê Thị Loan", "Chủ tịch UBND xã"),
    ("xa-thanh-mai", "UBND xã Thanh Mai", UnitKind.COMMUNE, None, "Phùng Văn Đức", "Chủ tịch UBND xã"),
    ("thcs-kim-bai", "Trường THCS Kim Bài", UnitKind.SCHOOL, "phong-gddt", "Nguyễn Thị Hòa", "Hiệu trưởng"),
    ("th-cu-khe", "Trường Tiểu học Cự Khê", UnitKind.SCHOOL, "phong-gddt", "Lại Văn Tâm", "Hiệu trưởng"),
    ("mn-thanh-mai", "Trường Mầm non Thanh Mai", UnitKind.SCHOOL, "phong-gddt", "Đoàn Thị Bích", "Hiệu trưởng"),
    ("mttq", "Ủy ban MTTQ Việt Nam huyện", UnitKind.FRONT_UNION, None, "Mai Văn Chiến", "Chủ tịch"),
    ("huyen-doan", "Huyện đoàn Thanh Oai", UnitKind.FRONT_UNION, None, "Dương Minh Khoa", "Bí thư"),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ huyện", UnitKind.FRONT_UNION, None, "Tô Thị Liên", "Chủ tịch"),
    ("hoi-nong-dan", "Hội Nông dân huyện", UnitKind.FRONT_UNION, None, "Quách Văn Hải", "Chủ tịch"),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ huyện", UnitKind.ASSOCIATION, None, "Lã Thị Thanh", "Chủ tịch"),
    ("hoi-nguoi-cao-tuoi", "Hội Người cao tuổi huyện", UnitKind.ASSOCIATION, None, "Hồ Văn Bảy", "Chủ tịch"),
    ("cong-an", "Công an huyện Thanh Oai", UnitKind.ARMED_FORCES, None, "Trương Quốc Việt", "Trưởng Công an huyện"),
    ("bchqs", "Ban Chỉ huy Quân sự huyện", UnitKind.ARMED_FORCES, None, "Lý Văn Hòa", "Chỉ huy trưởng"),
    ("ttyt", "Trung tâm Y tế huyện", UnitKind.PUBLIC_SERVICE, None, "Khúc Thị Ngọc", "Giám đốc"),
    ("chi-cuc-thue", "Chi cục Thuế huyện Thanh Oai", UnitKind.PROVINCIAL, None, "Âu Văn Tài", "Chi cục trưởng"),
    ("kho-bac", "Kho bạc Nhà nước Thanh Oai", UnitKind.PROVINCIAL, None, "Thái Thị Hiền", "Giám đốc"),
]


def seed_organisation() -> dict[str, Unit]:
    authority = Authority.root()
    for field, value in AUTHORITY.items():
        setattr(authority, field, value)
    authority.save()
    units: dict[str, Unit] = {}
    for order, (code, name, kind, parent, head_name, head_title) in enumerate(UNITS, start=1):
        unit, _created = Unit.objects.update_or_create(
            code=code,
            defaults={
                "authority": authority,
                "name": name,
                "kind": kind,
                "parent": units.get(parent) if parent else None,
                "head_name": head_name,
                "head_title": head_title,
                "is_active": True,
                "sort_order": order,
                # Two units are left without contact details so the office's to-do list is not empty.
                "email": f"{code}@thanhoai.example.vn" if head_name else "",
                "phone": f"024 3387 {1000 + order:04d}",
            },
        )
        units[code] = unit
    return units


# --- Clusters and blocs of the demo district (year 2026) ----------------------------------------
# (name, kind, head code, deputy code, member codes). Heads are named by the UBND, as in the Yên Thế
# and Cao Lộc seeds; the regulations and the scoring sheet follow domain.md §6.
