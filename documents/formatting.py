"""Pure text helpers for official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I). No Django, no models."""

import datetime
import re
import unicodedata

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def to_date(value) -> datetime.date | None:
    """A date from a date, a datetime or an ISO string ("2025-01-15", "2025-01-10T14:00:00"); None for empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.fromisoformat(str(value)).date()


def to_datetime(value) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return datetime.datetime.fromisoformat(str(value))


def nd30_date(value) -> str:
    """The date as NĐ 30 writes it: "ngày 05 tháng 02 năm 2025", "ngày 15 tháng 3 năm 2025" — a leading
    zero for days below 10 and for months 1 and 2 only ("tháng 01", "tháng 02", but "tháng 3" … "tháng 12")."""
    day = to_date(value)
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def dmy(value) -> str:
    """15/01/2025."""
    day = to_date(value)
    return f"{day:%d/%m/%Y}" if day else ""


def clock(value) -> str:
    """The time of a meeting in a biên bản: "14 giờ 00 phút"."""
    moment = to_datetime(value)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút" if moment else ""


def money(value) -> str:
    """700000 → "700.000" (đồng; the dot groups thousands, as written in Vietnamese)."""
    if value in (None, ""):
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def upper_vi(value) -> str:
    """Upper case of a Vietnamese text, NFC-normalised ("ủy ban" → "ỦY BAN", whatever the input's form)."""
    return unicodedata.normalize("NFC", str(value or "")).upper()


_LEVELS = ("THÀNH PHỐ", "THỊ TRẤN", "THỊ XÃ", "HUYỆN", "TỈNH", "QUẬN", "PHƯỜNG", "XÃ")


def issuer_lines(name) -> list[str]:
    """An issuing body's name split the way offices set it in the header: the body on one line, the place
    on the next ("ỦY BAN NHÂN DÂN" / "HUYỆN THANH OAI"). Short names and names without a place stay whole."""
    text = " ".join(upper_vi(name).split())
    words = text.split() if len(text) > 22 else []
    for index in range(1, len(words) - 1):
        rest = " ".join(words[index:])
        for level in _LEVELS:
            if rest.startswith(level + " ") and len(rest) > len(level) + 1:
                return [" ".join(words[:index]), rest]
    return [text] if text else []


def payout_by_unit(rows) -> list[dict]:
    """The payout list's summary: per unit, in the rows' order, how many are paid and how much (each row
    carries "unit" and "amount")."""
    by_unit: dict[str, dict] = {}
    for row in rows:
        entry = by_unit.setdefault(row["unit"], {"unit": row["unit"], "count": 0, "amount": 0})
        entry["count"] += 1
        entry["amount"] += row["amount"]
    return list(by_unit.values())


def two_digits(value) -> str:
    """Counts in official text are written with two digits below 10: "02 tập thể", "05 cá nhân"."""
    return f"{int(value):02d}"


def document_number(number: int, doc_type: str, issuer_code: str) -> str:
    """NĐ 30 number-and-symbol: "15/QĐ-UBND", "03/TTr-NV"; numbers below 10 get a leading zero.
    A công văn carries no type abbreviation: "147/UBND-NV" (issuer, then the drafting office)."""
    if doc_type == "CV":
        return f"{number:02d}/{issuer_code}"
    return f"{number:02d}/{doc_type}-{issuer_code}"


# Abbreviations a document's trích yếu and articles spell out (NĐ 30: no abbreviation in the summary).
_ABBREVIATIONS = [
    (r"\bHĐND và UBND\b", "Hội đồng nhân dân và Ủy ban nhân dân"),
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bHĐTĐKT\b", "Hội đồng Thi đua – Khen thưởng"),
    (r"\bTĐKT\b", "thi đua, khen thưởng"),
    (r"\bMTTQ\b", "Mặt trận Tổ quốc"),
    (r"\bPCT\b", "Phó Chủ tịch"),
]


def unabbreviate(text) -> str:
    """ "Giấy khen của Chủ tịch UBND huyện" → "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"; upper-case
    text gets upper-case words ("CỦA CHỦ TỊCH UBND TỈNH" → "CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")."""
    out = unicodedata.normalize("NFC", str(text or ""))
    letters = [c for c in out if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    for pattern, words in _ABBREVIATIONS:
        out = re.sub(pattern, words.upper() if upper else words, out)
    return out


def locality(short_name) -> str:
    """ "UBND huyện Thanh Oai" → "huyện Thanh Oai" (the place an authority's short name names)."""
    text = unabbreviate(" ".join(str(short_name or "").split()))
    return text.removeprefix("Ủy ban nhân dân").strip()


def default_office_name(level: str, place: str) -> str:
    """The office of a People's Committee by level: a province's "Văn phòng Ủy ban nhân dân tỉnh …"; a district's
    and (since 2025) a commune's "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện/xã …"."""
    if level == "tinh":
        return f"Văn phòng Ủy ban nhân dân {place}".strip()
    return f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {place}".strip()


def head_of(body: str) -> str:
    """Who heads a body, in full: "Văn phòng …" → "Chánh Văn phòng …", "Phòng Nội vụ" → "Trưởng phòng Nội vụ",
    "Sở Nội vụ" → "Giám đốc Sở Nội vụ", "Ban …" → "Trưởng ban …"; anything else → "Thủ trưởng …"."""
    body = unabbreviate(" ".join(str(body or "").split()))
    if not body:
        return ""
    first, _, rest = body.partition(" ")
    if first == "Văn" and rest.startswith("phòng"):
        return f"Chánh {body}"
    if first == "Phòng":
        return f"Trưởng phòng {rest}"
    if first == "Ban":
        return f"Trưởng ban {rest}"
    if first == "Sở":
        return f"Giám đốc {body}"
    return f"Thủ trưởng {body}"
