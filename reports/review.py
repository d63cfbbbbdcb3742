"""The review report (báo cáo sơ kết 6 tháng / tổng kết năm) drafted from the data, in the outline of the
Tây Sơn seed: I. results (1. leadership, 2. the campaigns, 3. commendation, 4. overall assessment) and
II. the tasks of the next period.

`review_dict` builds one plain dict (documents/README.md's contract: JSON data only); the PDF
(documents/review_report.html) and the DOCX (reports/docx.py) are both rendered from it, so the two
never say different things. Numbers come from reports.statistics; the staff's own words (the
assessment, the tasks) come from the report row and are printed as written.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from awards.documents_data import authority_dict, signer_dict
from campaigns.enums import ExemplaryStatus
from campaigns.models import AnnualPlan, Campaign, CampaignRegistration, ExemplaryModel, PlanTask

from .statistics import Period, statistics

PLACEHOLDER = "(Cơ quan thường trực bổ sung nội dung này trước khi trình ký.)"


def _d(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def _compare(now: int, before: int) -> str:
    if now == before:
        return "bằng cùng kỳ năm trước"
    word = "tăng" if now > before else "giảm"
    return f"{word} {_num(abs(now - before))} so với cùng kỳ năm trước ({_num(before)})"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def period_words(kind: str, year: int) -> tuple[str, str]:
    """(this period, the next period) in words, for the excerpt and the headings."""
    if kind == "so_ket":
        return f"6 tháng đầu năm {year}", f"6 tháng cuối năm {year}"
    return f"năm {year}", f"năm {year + 1}"


def _leadership(report, period: Period) -> list[str]:
    paragraphs = []
    plan = AnnualPlan.objects.filter(authority_id=report.authority_id, year=report.year).first()
    if plan:
        reference = f"Kế hoạch số {plan.document_number}" if plan.document_number else "Kế hoạch"
        issued = f" ngày {_d(plan.issued_on)}" if plan.issued_on else ""
        subject = plan.title.strip()
        if subject.lower().startswith("kế hoạch "):  # "Kế hoạch công tác …" → "về công tác …"
            subject = subject[len("kế hoạch ") :]
        elif subject[1:2].islower():  # a capital that only starts the sentence; keep "UBND …"
            subject = subject[:1].lower() + subject[1:]
        tasks = plan.tasks.aggregate(
            total=Count("id"), done=Count("id", filter=Q(done_on__isnull=False, done_on__lte=period.cutoff))
        )
        paragraphs.append(
            f"Ban hành {reference}{issued} về {subject}; "
            f"tính đến ngày {_d(period.cutoff)} đã hoàn thành {tasks['done']}/{tasks['total']} nhiệm vụ của kế hoạch."
        )
    launched = list(
        Campaign.objects.filter(
            authority_id=report.authority_id, start_date__gte=period.date_from, start_date__lte=period.cutoff
        ).order_by("start_date", "pk")
    )
    if launched:
        names = "; ".join(f"“{c.name}”" + (f" ({c.launch_document})" if c.launch_document else "") for c in launched)
        paragraphs.append(f"Phát động {len(launched)} phong trào thi đua: {names}.")
    return paragraphs + (_lines(report.leadership) or ([] if paragraphs else [PLACEHOLDER]))


def _movements(report, period: Period) -> list[str]:
    paragraphs = []
    running = Campaign.objects.filter(authority_id=report.authority_id, start_date__lte=period.cutoff).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.date_from)
    )
    registrations = CampaignRegistration.objects.filter(campaign__in=running, registered_at__date__lte=period.cutoff).aggregate(
        n=Count("id"), units=Count("unit", distinct=True)
    )
    count = running.count()
    if count:
        paragraphs.append(
            f"Trong kỳ có {count} phong trào thi đua được triển khai; {_num(registrations['units'])} đơn vị "
            f"đã đăng ký thi đua với {_num(registrations['n'])} lượt đăng ký."
        )
    models = ExemplaryModel.objects.filter(
        unit__authority_id=report.authority_id, submitted_at__date__gte=period.date_from, submitted_at__date__lte=period.cutoff
    ).aggregate(n=Count("id"), published=Count("id", filter=Q(status=ExemplaryStatus.PUBLISHED)))
    if models["n"]:
        paragraphs.append(
            f"Công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến: các đơn vị giới thiệu {models['n']} "
            f"gương điển hình, mô hình mới; {models['published']} gương, mô hình được công bố, tuyên truyền."
        )
    return paragraphs + (_lines(report.movements) or ([] if paragraphs else [PLACEHOLDER]))


def _commendation(stats: dict) -> tuple[list[str], list[list[str]]]:
    t, p, s = stats["totals"], stats["previous"], stats["shares"]
    cutoff = _d(stats["period"].cutoff)
    households = f", {_num(t['ho_thon'])} hộ gia đình, thôn, tổ dân phố" if t["ho_thon"] else ""
    paragraphs = [
        f"Tính đến ngày {cutoff}, đã khen thưởng {_num(t['total'])} lượt tập thể, cá nhân "
        f"({_num(t['tap_the'])} tập thể, {_num(t['ca_nhan'])} cá nhân{households}), {_compare(t['total'], p['total'])}."
    ]
    if t["sang_kien"] or p["sang_kien"]:
        paragraphs.append(
            f"Số cá nhân được khen có sáng kiến được công nhận: {_num(t['sang_kien'])}, "
            f"{_compare(t['sang_kien'], p['sang_kien'])}."
        )
    kinds = [f"{row['label'].split(' (')[0].lower()}: {_num(row['count'])}" for row in stats["by_kind"] if row["count"]]
    if kinds:
        paragraphs.append("Theo loại hình khen thưởng: " + "; ".join(kinds) + ".")
    if t["ca_nhan"]:
        paragraphs.append(
            f"Tỷ lệ cá nhân là người lao động trực tiếp được khen thưởng tính đến ngày {cutoff}: {_pct(s['truc_tiep'])} "
            f"({_num(t['truc_tiep'])}/{_num(t['ca_nhan'])} cá nhân); cán bộ lãnh đạo, quản lý: {_pct(s['lanh_dao'])} "
            f"({_num(t['lanh_dao'])}/{_num(t['ca_nhan'])}); nữ: {_pct(s['nu'])} ({_num(t['nu'])}/{_num(t['gioi_tinh_ro'])}); "
            f"người dân tộc thiểu số: {_pct(s['dan_toc'])} ({_num(t['dan_toc'])}/{_num(t['dan_toc_ro'])})."
        )
    if t["total"]:
        paragraphs.append(
            "Tập thể, cá nhân thuộc vùng sâu, vùng xa, biên giới, vùng dân tộc thiểu số được khen thưởng: "
            f"{_num(t['vung_kho_khan'])} ({_pct(s['vung_kho_khan'])} tổng số)."
        )
    table = [[str(i), row["label"], _num(row["count"]), _num(row["previous"])] for i, row in enumerate(stats["by_award"], 1)]
    table.append(["", "Tổng cộng", _num(t["total"]), _num(p["total"])])
    return paragraphs, table


def _open_tasks(report, period: Period) -> list[str]:
    tasks = PlanTask.objects.filter(plan__authority_id=report.authority_id, plan__year=report.year).filter(
        Q(done_on__isnull=True) | Q(done_on__gt=period.cutoff)
    )
    return [f"{t.content} (thời hạn {_d(t.due_date)})." for t in tasks.order_by("due_date", "number")]


def review_dict(report) -> dict:
    """The whole report as plain data; `report` has kind, year, date_from, cutoff, report_date and the texts."""
    period = Period(report.date_from, report.cutoff)
    stats = statistics(period, authority_id=report.authority_id)
    this, following = period_words(report.kind, report.year)
    heading = "sơ kết" if report.kind == "so_ket" else "tổng kết"
    owner = report.authority
    authority = authority_dict(owner)
    commendation, award_table = _commendation(stats)
    next_tasks = _lines(report.next_tasks) or [PLACEHOLDER]
    open_tasks = _open_tasks(report, period)
    blocks = [
        {"type": "heading", "text": f"I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG {this.upper()}"},
        {"type": "subheading", "text": "1. Công tác lãnh đạo, chỉ đạo"},
        *({"type": "paragraph", "text": text} for text in _leadership(report, period)),
        {"type": "subheading", "text": "2. Kết quả tổ chức phong trào thi đua"},
        *({"type": "paragraph", "text": text} for text in _movements(report, period)),
        {"type": "subheading", "text": "3. Công tác khen thưởng"},
        *({"type": "paragraph", "text": text} for text in commendation),
        {
            "type": "table",
            "caption": f"Kết quả khen thưởng theo danh hiệu, hình thức (tính đến ngày {_d(period.cutoff)})",
            "header": ["STT", "Danh hiệu, hình thức", "Kỳ này", "Cùng kỳ năm trước"],
            "rows": award_table,
        },
        {"type": "subheading", "text": "4. Đánh giá chung"},
        {"type": "paragraph", "text": "a) Ưu điểm", "bold": True},
        *({"type": "paragraph", "text": text} for text in (_lines(report.strengths) or [PLACEHOLDER])),
        {"type": "paragraph", "text": "b) Hạn chế, khuyết điểm", "bold": True},
        *({"type": "paragraph", "text": text} for text in (_lines(report.weaknesses) or [PLACEHOLDER])),
        {"type": "heading", "text": f"II. PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG {following.upper()}"},
        *({"type": "paragraph", "text": f"{i}. {text}"} for i, text in enumerate(next_tasks, 1)),
    ]
    if open_tasks:
        blocks.append(
            {"type": "paragraph", "text": "Các nhiệm vụ của Kế hoạch năm chưa hoàn thành, tiếp tục thực hiện:", "bold": True}
        )
        blocks.extend({"type": "paragraph", "text": f"- {text}"} for text in open_tasks)
    return {
        "authority": authority,
        "number": "\u00a0" * 8 + f"/BC-{authority['document_code']}",  # numbered when signed
        "date": (report.report_date or timezone.localdate()).isoformat(),
        "title": "BÁO CÁO",
        "summary": f"{heading.capitalize()} công tác thi đua, khen thưởng {this} và phương hướng, nhiệm vụ {following}",
        "blocks": blocks,
        "signer": signer_dict(owner, "tm"),
        "recipients": [
            f"{authority['council_name']};",
            "Thường trực Huyện ủy, HĐND huyện;" if authority["level"] == "huyen" else "Thường trực cấp ủy, HĐND;",
            f"{authority['standing_office_name']};",
            "Lưu: VT.",
        ],
    }
