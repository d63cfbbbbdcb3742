"""The legal catalogue's starting values, from shared/docs/domain.md (§1, §4, §5).

Used by the data migration 0002 (new databases), by `seed_demo` (a database whose tables were
emptied) and, through the idempotent `complete_catalogue`, by later data migrations that add rows to
existing databases (0015: who decides each award, the upward kinds). Values tagged [B]/[X] there are
sensible defaults: rows, editable in the admin. Change a value existing installations already hold with a
new data migration, not here.
"""

import datetime
from decimal import Decimal

D = datetime.date

LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
LOCAL_GOVERNMENT = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
    "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
)

ND_152 = "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;"

# code, name, valid from, valid to, the "Căn cứ …;" lines a decision cites (one per line)
REGIMES = [
    (
        "nd-91-2017",
        "Luật TĐKT 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP",
        D(2017, 7, 31),
        D(2023, 12, 31),
        "\n".join(
            [
                LOCAL_GOVERNMENT,
                "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
                "khen thưởng ngày 16 tháng 11 năm 2013;",
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều "
                "của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
    (
        "nd-98-2023",
        "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
        D(2024, 1, 1),
        D(2025, 6, 30),
        "\n".join(
            [
                LOCAL_GOVERNMENT,
                LAW_2022,
                "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
                "thi hành một số điều của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
    (
        "nd-152-2025",
        "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        D(2025, 7, 1),
        None,
        "\n".join(
            [
                LAW_2022,
                ND_152,
            ]
        ),
    ),
]

# Regimes that follow one above, added to existing databases by complete_catalogue (migration 0018 on):
# code, name, valid from, "Căn cứ" lines, the text that begins it, its transition (Regime.Transition), the regime
# whose award rules it copies (and ends the day before, when that one is open). Luật 06/2026/QH16 amends the law
# from 01/10/2026 while NĐ 152/2025 stays: the regime is the pair, so both laws and the decree are cited. A dossier
# received before keeps the 2022 law unless the new rule is more favourable (domain.md §0). Its detailed content
# is not known here: its rules are NĐ 152's, copied and unconfirmed (Regime.confirmed) until an administrator
# checks them.
LAW_2026 = "Căn cứ Luật số 06/2026/QH16 ngày 23 tháng 4 năm 2026 sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng;"
SUCCESSORS = [
    (
        "luat-06-2026",
        "Luật TĐKT 2022 (sửa đổi năm 2026) và Nghị định 152/2025/NĐ-CP",
        D(2026, 10, 1),
        "\n".join([LAW_2022, LAW_2026, ND_152]),
        "Luật 06/2026/QH16",
        "neu_co_loi_hon",
        "nd-152-2025",
    ),
]

# code, name, short name, kind, subject, eligibility rule (who decides each: DECIDERS)
AWARDS = [
    ("ldtt", "Lao động tiên tiến", "LĐTT", "danh_hieu", "ca_nhan", "ldtt"),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "danh_hieu", "ca_nhan", "cstdcs"),
    ("ttldtt", "Tập thể lao động tiên tiến", "TTLĐTT", "danh_hieu", "tap_the", "ttldtt"),
    ("thon-van-hoa", "Thôn, tổ dân phố văn hóa", "Thôn VH", "danh_hieu", "thon_to", "quy_che"),
    ("gk-huyen-ca-nhan", "Giấy khen của Chủ tịch UBND huyện (cá nhân)", "GK huyện", "hinh_thuc", "ca_nhan", "quy_che"),
    ("gk-huyen-tap-the", "Giấy khen của Chủ tịch UBND huyện (tập thể)", "GK huyện", "hinh_thuc", "tap_the", "quy_che"),
    ("gk-huyen-ho", "Giấy khen của Chủ tịch UBND huyện (hộ gia đình)", "GK huyện", "hinh_thuc", "ho_gia_dinh", "quy_che"),
    ("gk-xa-ca-nhan", "Giấy khen của Chủ tịch UBND xã (cá nhân)", "GK xã", "hinh_thuc", "ca_nhan", "quy_che"),
    ("ttldxs", "Tập thể lao động xuất sắc", "TTLĐXS", "danh_hieu", "tap_the", "ttldxs"),
    ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ tỉnh", "danh_hieu", "ca_nhan", "cstd_tinh"),
    ("co-thi-dua-tinh", "Cờ thi đua của UBND tỉnh", "Cờ tỉnh", "danh_hieu", "tap_the", "quy_che"),
    ("bk-tinh-ca-nhan", "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", "BK tỉnh", "hinh_thuc", "ca_nhan", "quy_che"),
    ("bk-tinh-tap-the", "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", "BK tỉnh", "hinh_thuc", "tap_the", "quy_che"),
    ("xa-tieu-bieu", "Xã, phường, thị trấn tiêu biểu", "Xã tiêu biểu", "danh_hieu", "tap_the", "quy_che"),
    ("bk-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "BK Thủ tướng", "hinh_thuc", "ca_nhan", "quy_che"),
    # The commune's own (Luật TĐKT 2022 Điều 80 k3)
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "GĐVH", "danh_hieu", "ho_gia_dinh", "quy_che"),
    ("gk-xa-tap-the", "Giấy khen của Chủ tịch UBND xã (tập thể)", "GK xã", "hinh_thuc", "tap_the", "quy_che"),
    ("gk-xa-ho", "Giấy khen của Chủ tịch UBND xã (hộ gia đình)", "GK xã", "hinh_thuc", "ho_gia_dinh", "quy_che"),
    # Proposed upward from a commune for long service, length of service and foreign relations (domain.md §3)
    ("huan-chuong-lao-dong-hang-ba", "Huân chương Lao động hạng Ba", "Huân chương LĐ hạng Ba", "hinh_thuc", "ca_nhan", "quy_che"),
    (
        "huy-chuong-chien-si-ve-vang-hang-ba",
        "Huy chương “Chiến sĩ vẻ vang” hạng Ba",
        "Huy chương Chiến sĩ vẻ vang hạng Ba",
        "hinh_thuc",
        "ca_nhan",
        "quy_che",
    ),
    ("huan-chuong-huu-nghi", "Huân chương Hữu nghị", "Huân chương Hữu nghị", "hinh_thuc", "tap_the", "quy_che"),
    ("huy-chuong-huu-nghi", "Huy chương Hữu nghị", "Huy chương Hữu nghị", "hinh_thuc", "ca_nhan", "quy_che"),
]

# Conferred by the committee as a whole, not by its Chairman (Luật TĐKT 2022 Điều 80): AwardType.conferred_by.
BY_COMMITTEE = {"co-thi-dua-tinh"}

SINCE_2017 = D(2017, 7, 31)  # the first regime of the catalogue: every award keeps the level it had then
DISTRICT_BASIS = "Luật TĐKT 2022 Điều 80 k2; cấp huyện kết thúc hoạt động từ 01/7/2025"
COMMUNE_BASIS = "Luật TĐKT 2022 Điều 80 k3"
ABOLISHED_DISTRICT = (
    "Trước đây thuộc thẩm quyền cấp huyện; cấp huyện kết thúc hoạt động từ 01/7/2025 (NQ 203/2025/QH15): mặc định, cần xác nhận"
)

# Who decides each award (dossiers.models.AwardDecider): code, level, valid from, valid to, legal basis, confirmed.
# The district rows stay open-ended so a one-district installation (and the district demo) keeps deciding;
# confirmed=False is a [B]/[X] default of domain.md an administrator must check.
DECIDERS = [
    *[
        (code, "huyen", SINCE_2017, None, DISTRICT_BASIS, True)
        for code in ("ldtt", "cstdcs", "ttldtt", "thon-van-hoa", "gk-huyen-ca-nhan", "gk-huyen-tap-the", "gk-huyen-ho")
    ],
    ("gk-xa-ca-nhan", "xa", SINCE_2017, None, COMMUNE_BASIS, True),
    *[
        (code, "tinh", SINCE_2017, None, "", True)
        for code in ("ttldxs", "cstd-tinh", "co-thi-dua-tinh", "bk-tinh-ca-nhan", "bk-tinh-tap-the", "xa-tieu-bieu")
    ],
    ("bk-thu-tuong", "trung_uong", SINCE_2017, None, "", True),
    # The commune decides LĐTT, Giấy khen and Gia đình văn hóa (Điều 80 k3) [C]
    ("ldtt", "xa", D(2024, 1, 1), None, COMMUNE_BASIS, True),
    ("gia-dinh-van-hoa", "xa", D(2024, 1, 1), None, COMMUNE_BASIS, True),
    # Giấy khen xã for a collective or a household [B]
    ("gk-xa-tap-the", "xa", SINCE_2017, None, COMMUNE_BASIS + " (tập thể: chưa xác nhận)", False),
    ("gk-xa-ho", "xa", SINCE_2017, None, COMMUNE_BASIS + " (hộ gia đình: chưa xác nhận)", False),
    # The abolished district's titles [X]
    *[(code, "xa", D(2025, 7, 1), None, ABOLISHED_DISTRICT, False) for code in ("cstdcs", "ttldtt", "thon-van-hoa")],
    # National awards (the President decides; the article is not cited here) proposed upward through the province
    *[
        (code, "trung_uong", SINCE_2017, None, "Chủ tịch nước quyết định (Luật TĐKT 2022)", True)
        for code in (
            "huan-chuong-lao-dong-hang-ba",
            "huy-chuong-chien-si-ve-vang-hang-ba",
            "huan-chuong-huu-nghi",
            "huy-chuong-huu-nghi",
        )
    ],
]

# Coefficients (domain.md §5): code -> (NĐ 98/2023, NĐ 152/2025); None where the text gives none.
COEFFICIENTS = {
    "cstdcs": ("1.0", "1.0"),
    "ldtt": ("0.3", "0.3"),
    "ttldtt": ("0.8", "0.8"),
    "ttldxs": ("1.5", "1.5"),
    "thon-van-hoa": ("1.5", "1.5"),
    "xa-tieu-bieu": ("2.0", "2.0"),
    "gk-huyen-ca-nhan": ("0.3", "0.3"),
    "gk-huyen-tap-the": ("0.6", "0.6"),
    "gk-huyen-ho": (None, "0.45"),
    "gk-xa-ca-nhan": ("0.15", "0.3"),
    "gk-xa-tap-the": ("0.3", "0.6"),  # 2 × individual [B]
    "gk-xa-ho": (None, "0.45"),  # as the district's household Giấy khen
    "cstd-tinh": ("3.0", "3.0"),
    "bk-tinh-ca-nhan": ("1.0", "1.5"),
    "bk-tinh-tap-the": ("2.0", "3.0"),
    "co-thi-dua-tinh": ("8", "8"),
}

# The council's secret ballot: legacy 90 % of all members for CSTĐ tỉnh and above ([X] for 2022).
HIGH_THRESHOLD = {"cstd-tinh", "co-thi-dua-tinh", "bk-thu-tuong"}

# How the council decides (dossiers.enums.CouncilVote): the mass titles and the district's Giấy khen are
# approved as a whole list in one vote (Phong Thổ 2024: 1,780 LĐTT, 88 TTLĐTT, 253 + 153 Giấy khen);
# every other award (CSTĐCS, everything proposed upward) gets a secret ballot per nominee.
LIST_APPROVAL = {
    "ldtt",
    "ttldtt",
    "thon-van-hoa",
    "gk-huyen-ca-nhan",
    "gk-huyen-tap-the",
    "gk-huyen-ho",
    "gk-xa-ca-nhan",
    "gk-xa-tap-the",
    "gk-xa-ho",
    "gia-dinh-van-hoa",
}

BASE_SALARIES = [
    (1490000, D(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1800000, D(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2340000, D(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
    (2530000, D(2026, 7, 1), "Nghị định 161/2026/NĐ-CP"),
]

HOLIDAYS = [
    (D(2024, 1, 1), "Tết Dương lịch"),
    *[(D(2024, 2, day), "Tết Nguyên đán Giáp Thìn") for day in (8, 9, 12, 13, 14)],
    (D(2024, 4, 18), "Giỗ Tổ Hùng Vương"),
    (D(2024, 4, 29), "Nghỉ bù dịp 30/4 (làm bù 04/5)"),
    (D(2024, 4, 30), "Ngày Giải phóng miền Nam"),
    (D(2024, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2024, 9, 2), "Quốc khánh"),
    (D(2024, 9, 3), "Quốc khánh"),
    (D(2025, 1, 1), "Tết Dương lịch"),
    *[(D(2025, 1, day), "Tết Nguyên đán Ất Tỵ") for day in (27, 28, 29, 30, 31)],
    (D(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
    (D(2025, 4, 30), "Ngày Giải phóng miền Nam"),
    (D(2025, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2025, 5, 2), "Nghỉ bù dịp 30/4 (làm bù 17/5)"),
    (D(2025, 9, 1), "Quốc khánh"),
    (D(2025, 9, 2), "Quốc khánh"),
    (D(2026, 1, 1), "Tết Dương lịch"),
    *[(D(2026, 2, day), "Tết Nguyên đán Bính Ngọ") for day in (16, 17, 18, 19, 20)],
    (D(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    (D(2026, 4, 30), "Ngày Giải phóng miền Nam"),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2026, 9, 1), "Quốc khánh"),
    (D(2026, 9, 2), "Quốc khánh"),
]

# (commendation kind, award code or None for every award, component, per nominee)
COMPONENTS = [
    ("thuong_xuyen", None, "to_trinh", False),
    ("thuong_xuyen", None, "bien_ban", False),
    *[
        ("thuong_xuyen", code, "bao_cao_thanh_tich", True)
        for code in (
            "cstdcs",
            "ttldtt",
            "ttldxs",
            "cstd-tinh",
            "co-thi-dua-tinh",
            "bk-tinh-ca-nhan",
            "bk-tinh-tap-the",
            "xa-tieu-bieu",
            "bk-thu-tuong",
        )
    ],
    ("thuong_xuyen", "cstdcs", "sang_kien", True),
    ("thuong_xuyen", "cstd-tinh", "sang_kien", True),
    ("chuyen_de", None, "to_trinh", False),
    ("chuyen_de", None, "ke_hoach", False),
    ("chuyen_de", None, "bao_cao_thanh_tich", True),
    ("dot_xuat", None, "to_trinh", False),
    ("dot_xuat", None, "bao_cao_tom_tat", True),
    # The kinds a commune proposes upward (domain.md §3); which documents they carry is [B].
    ("cong_hien", None, "to_trinh", False),
    ("cong_hien", None, "qua_trinh_cong_tac", True),
    ("nien_han", None, "to_trinh", False),
    ("nien_han", None, "ban_khai_nien_han", True),
    ("doi_ngoai", None, "to_trinh", False),
    ("doi_ngoai", None, "bao_cao_tom_tat", True),
    ("doi_ngoai", None, "y_kien_doi_ngoai", False),
]


def seed_catalogue(get_model) -> bool:
    """Create the catalogue if the database has none; `get_model(name)` returns the model class
    (the historical one in a migration). Returns True when it created anything."""
    Regime = get_model("Regime")
    AwardType = get_model("AwardType")
    BaseSalary = get_model("BaseSalary")
    Holiday = get_model("Holiday")
    if AwardType.objects.exists():
        return False

    for code, name, start, end, legal_basis in REGIMES:
        Regime.objects.create(code=code, name=name, valid_from=start, valid_to=end, legal_basis=legal_basis)
    for amount, start, basis in BASE_SALARIES:
        BaseSalary.objects.create(amount=amount, valid_from=start, legal_basis=basis)
    for day, name in HOLIDAYS:
        Holiday.objects.create(date=day, name=name)
    complete_catalogue(get_model)
    return True


def complete_catalogue(get_model) -> bool:
    """Add what the catalogue lacks and keep what it has (an administrator's edits): the awards missing by
    code with their rules, the components of a kind that has none, who decides each award (the base row only
    for an award without any, the dated rows once each). Idempotent: the data migrations of existing databases
    call it too. Returns True when it created anything."""
    AwardType = get_model("AwardType")
    AwardRule = get_model("AwardRule")
    Regime = get_model("Regime")
    ComponentRequirement = get_model("ComponentRequirement")
    regimes = {r.code: r for r in Regime.objects.filter(code__in=["nd-91-2017", "nd-98-2023", "nd-152-2025"])}
    has_council_vote = any(f.name == "council_vote" for f in AwardRule._meta.get_fields())  # not in 0002's model
    created = False
    existing = set(AwardType.objects.values_list("code", flat=True))
    new_awards = []
    for order, (code, name, short, kind, subject, rule) in enumerate(AWARDS, start=1):
        if code in existing:
            continue
        award = AwardType.objects.create(
            code=code, name=name, short_name=short, kind=kind, subject=subject, eligibility_rule=rule, sort_order=order
        )
        new_awards.append(award.pk)
        if code in BY_COMMITTEE and any(f.name == "conferred_by" for f in AwardType._meta.get_fields()):  # 0020 on
            AwardType.objects.filter(pk=award.pk).update(conferred_by="uy_ban")
        created = True
        nd98, nd152 = COEFFICIENTS.get(code, (None, None))
        for regime_code, coefficient in (("nd-91-2017", None), ("nd-98-2023", nd98), ("nd-152-2025", nd152)):
            if regime_code not in regimes:
                continue
            extra = {"council_vote": "ca_danh_sach" if code in LIST_APPROVAL else "tung_nguoi"} if has_council_vote else {}
            AwardRule.objects.create(
                award=award,
                regime=regimes[regime_code],
                coefficient=Decimal(coefficient) if coefficient else None,
                processing_days=20,
                vote_threshold_percent=Decimal("90") if code in HIGH_THRESHOLD else None,
                vote_denominator="tong_so",
                **extra,
            )
    created = seed_successors(get_model, new_awards) or created
    awards = {a.code: a for a in AwardType.objects.all()}
    kinds_present = set(ComponentRequirement.objects.values_list("commendation_kind", flat=True))
    for kind, code, component, per_nominee in COMPONENTS:
        if kind in kinds_present or (code and code not in awards):
            continue
        ComponentRequirement.objects.create(
            commendation_kind=kind, award=awards[code] if code else None, component=component, per_nominee=per_nominee
        )
        created = True
    return seed_deciders(get_model, awards) or created


def seed_deciders(get_model, awards: dict) -> bool:
    """DECIDERS as rows; skipped where the model does not exist yet (migration 0002's catalogue)."""
    try:
        AwardDecider = get_model("AwardDecider")
    except LookupError:
        return False
    with_rows = set(AwardDecider.objects.values_list("award__code", flat=True))
    created = False
    for code, level, start, end, basis, confirmed in DECIDERS:
        if code not in awards or (start == SINCE_2017 and code in with_rows):
            continue
        _, made = AwardDecider.objects.get_or_create(
            award=awards[code],
            level=level,
            valid_from=start,
            defaults={"valid_to": end, "legal_basis": basis, "confirmed": confirmed},
        )
        created = created or made
    return created


def copy_award_rules(get_model, source, target, award_ids=None) -> int:
    """Copy `source`'s award rules into the regime `target` where it has none for the award (all awards, or
    `award_ids`); the historical model in a migration too. Returns how many it copied."""
    AwardRule = get_model("AwardRule")
    fields = [f.attname for f in AwardRule._meta.concrete_fields if not f.primary_key and f.name != "regime"]
    have = set(AwardRule.objects.filter(regime=target).values_list("award_id", flat=True))
    rules = AwardRule.objects.filter(regime=source).exclude(award_id__in=have)
    if award_ids is not None:
        rules = rules.filter(award_id__in=award_ids)
    copies = [AwardRule(regime=target, **{name: getattr(rule, name) for name in fields}) for rule in rules]
    AwardRule.objects.bulk_create(copies)
    return len(copies)


def copy_regime(get_model, source, regime) -> int:
    """Save `regime` (unsaved) as the successor of `source`: `source`'s award rules copied and marked unconfirmed,
    and `source` ended the day before it begins when it was open or ran later. Returns how many rules it copied.
    Money (awards.BonusPolicy) is not copied: dossiers does not import awards."""
    regime.copied_from = source
    regime.confirmed = False
    regime.save()
    copied = copy_award_rules(get_model, source, regime)
    if source.valid_to is None or source.valid_to >= regime.valid_from:
        source.valid_to = regime.valid_from - datetime.timedelta(days=1)
        source.save(update_fields=["valid_to"])
    return copied


def seed_successors(get_model, new_awards: list[int]) -> bool:
    """SUCCESSORS as rows, each once (an existing one keeps an administrator's edits; only the awards created
    now get their copied rule); skipped before the Regime model has its transition (migration 0018)."""
    Regime = get_model("Regime")
    if not any(f.name == "transition" for f in Regime._meta.get_fields()):
        return False
    created = False
    for code, name, start, legal_basis, introduced_by, transition, source_code in SUCCESSORS:
        source = Regime.objects.filter(code=source_code).first()
        if source is None:
            continue
        regime = Regime.objects.filter(code=code).first()
        if regime is not None:
            created = bool(copy_award_rules(get_model, source, regime, new_awards)) or created
            continue
        regime = Regime(
            code=code,
            name=name,
            valid_from=start,
            legal_basis=legal_basis,
            introduced_by=introduced_by,
            transition=transition,
            cstdcs_quota_percent=source.cstdcs_quota_percent,
            min_working_months=source.min_working_months,
        )
        copy_regime(get_model, source, regime)
        created = True
    return created
