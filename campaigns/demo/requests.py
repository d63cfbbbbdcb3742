"""Demo submission requests, from the seeds' deadlines (written for 2026, told for the calendar year the demo
is loaded in; the year-end report for the round year: core.demo_calendar), with their submissions in every
state; and the six-month report through the clusters and blocs (`seed_report_chain`). A request the story
issues more than three weeks after the day of loading is not there (one within three weeks went out two
days before); one past due by more than three weeks has been closed by the
office; nobody has uploaded anything after the day of loading."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from core.demo_calendar import CLOSE_AFTER, demo_calendar

from ..enums import DocumentKind, DueMode, Receiver, RecipientMode, SubmissionStatus
from ..models import RequestRecipient, Submission, SubmissionRequest
from ..services.requests import chain_titles, report_chain_create, request_create
from .common import D, at, pdf

# The Tây Sơn seed's outline for the six-month review, for 2026.
INTERIM_OUTLINE = "\n".join(
    [
        "I. NỘI DUNG SƠ KẾT",
        (
            "1. Công tác lãnh đạo, chỉ đạo: việc xây dựng, ban hành văn bản quy định, hướng dẫn, chỉ đạo tổ chức "
            "các phong trào thi đua và công tác khen thưởng."
        ),
        "2. Kết quả tổ chức phong trào thi đua:",
        (
            "- Việc tổ chức tổng kết công tác thi đua, khen thưởng năm 2025 và phát động phong trào thi đua, đăng"
            " ký giao ước thi đua năm 2026."
        ),
        (
            "- Kết quả thi đua thực hiện nhiệm vụ chính trị của cơ quan, đơn vị, địa phương (chú ý đánh giá theo "
            "các chỉ tiêu, nhiệm vụ trong 6 tháng đầu năm)."
        ),
        (
            "- Kết quả phát động thi đua trên các lĩnh vực: cải cách hành chính, lao động giỏi, lao động sáng "
            "tạo, nghiên cứu ứng dụng tiến bộ khoa học - kỹ thuật, áp dụng công nghệ mới, cải tiến lề lối làm "
            "việc, cải tiến phương pháp quản lý, thực hiện các chính sách an sinh xã hội."
        ),
        "- Kết quả thực hiện các phong trào thi đua do Thủ tướng Chính phủ, thành phố, huyện phát động.",
        "- Công tác phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến trong các phong trào thi đua.",
        (
            "3. Công tác khen thưởng: kết quả xét, công nhận sáng kiến cấp cơ sở; khen thưởng thành tích năm 2025"
            " (danh hiệu “Lao động tiên tiến”, “Tập thể lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, Giấy "
            "khen); khen chuyên đề, đột xuất 6 tháng đầu năm 2026; tỷ lệ cá nhân là người lao động trực tiếp, là "
            "cán bộ lãnh đạo, quản lý được tặng danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, Giấy "
            "khen tính đến ngày 30 tháng 6 năm 2026."
        ),
        "4. Đánh giá chung và đề ra phương hướng, nhiệm vụ công tác thi đua, khen thưởng 6 tháng cuối năm:",
        (
            "- Đánh giá ưu điểm, khuyết điểm trong tổ chức các phong trào thi đua, thực hiện các giải pháp nâng "
            "cao chất lượng công tác thi đua, khen thưởng."
        ),
        (
            "- Nhiệm vụ và giải pháp 6 tháng cuối năm, chú ý rà soát các chỉ tiêu chưa đạt theo kế hoạch, những "
            "nhiệm vụ trọng tâm còn lại của 6 tháng cuối năm (kể cả các nhiệm vụ mới phát sinh)."
        ),
    ]
)

# (title, kind, mode, recipient codes or kinds, issued, due (date or working days), document number, description,
#  outline, pattern of outcomes by unit index: "A" accepted on time, "L" late accepted, "S" submitted waiting,
#  "R" returned, "M" missing)
REQUESTS = [
    (
        "Kế hoạch phát động phong trào thi đua năm 2026 của cơ quan, đơn vị",
        DocumentKind.PLAN,
        RecipientMode.ALL,
        None,
        D(2026, 1, 22),
        D(2026, 2, 6),
        "18/UBND-NV",
        "Trên cơ sở kế hoạch phát động các phong trào thi đua của huyện, ngành cấp trên và các nhiệm vụ trọng tâm năm 2026, "
        "thủ trưởng các cơ quan, đơn vị, địa phương xây dựng kế hoạch và phát động, triển khai đến toàn thể cán bộ, công chức, "
        "viên chức, người lao động. Kế hoạch là căn cứ bình xét, chấm điểm thi đua.",
        "",
        "AAAAALAARM",
    ),
    (
        "Quy chế hoạt động, tiêu chí chấm điểm và bản ký giao ước thi đua năm 2026 của cụm, khối thi đua",
        DocumentKind.REGULATION,
        RecipientMode.ALL,
        None,
        D(2026, 1, 22),
        D(2026, 2, 20),
        "18/UBND-NV",
        "Các cụm, khối thi đua xây dựng quy chế hoạt động, ban hành tiêu chí chấm điểm thi đua; trưởng cụm, khối tổ chức cho "
        "các thành viên ký giao ước thi đua. (Gửi theo cụm, khối sẽ có khi quản lý cụm, khối được đưa vào Cổng; nay gửi tất "
        "cả đơn vị.)",
        "",
        "AAALAMAMAS",
    ),
    (
        "Hồ sơ đề nghị khen thưởng năm học 2025 – 2026 ngành Giáo dục và Đào tạo",
        DocumentKind.DOSSIER,
        RecipientMode.NAMED,
        ["phong-gddt", "thcs-kim-bai", "th-cu-khe", "mn-thanh-mai"],
        D(2026, 5, 20),
        D(2026, 6, 12),
        "96/UBND-NV",
        "Ngành Giáo dục và Đào tạo khẩn trương bình xét đề nghị Chủ tịch UBND huyện và cấp trên khen thưởng các tập thể, cá "
        "nhân có thành tích xuất sắc trong năm học 2025 – 2026; hồ sơ gửi về Hội đồng Thi đua – Khen thưởng huyện (qua Bộ "
        "phận Tiếp nhận và Trả kết quả huyện).",
        "",
        "AALA",
    ),
    (
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026",
        DocumentKind.FINAL_REPORT,
        RecipientMode.ALL,
        None,
        D(2026, 11, 20),
        15,
        "215/UBND-NV",
        "Các cơ quan, đơn vị tổng kết công tác thi đua, khen thưởng năm 2026 và đề ra phương hướng, nhiệm vụ năm 2027.",
        "",
        "MMMMMMMMMM",
    ),
]
ISSUED_EARLY = datetime.timedelta(days=21)

# Units whose clerk is a demo account, pinned so the demo tells a story: Cự Khê sent everything on
# time (its year-end report waits for the office).
PINNED = {
    "xa-cu-khe": {"*": "A", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026": "S"},
}

# The six-month report goes through the clusters and blocs (Yên Thế seed: units to their head by 23/6,
# the clusters to the district by 30/6), as the report chain of two linked requests. Outcomes:
# A accepted, L late then accepted, S waiting for review, R returned, M missing.
CHAIN_TITLE = "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026"
CHAIN_DESCRIPTION = (
    "Các cơ quan, đơn vị, địa phương sơ kết phong trào thi đua 6 tháng đầu năm 2026 theo đề cương dưới đây, gửi trưởng "
    "cụm, khối thi đua trước ngày 23/6; trưởng cụm, khối tổng hợp báo cáo của cụm, khối gửi UBND huyện (qua Phòng Nội vụ) "
    "trước ngày 30/6."
)
CHAIN_MEMBER_PATTERN = "AAALAA"
# Cụm 1 (headed by Kim Bài, a demo account) shows every state; Kim Bài has not yet sent the cluster's report.
CHAIN_PINNED = {"xa-cu-khe": "A", "xa-bich-hoa": "S", "xa-binh-minh": "L", "xa-cao-duong": "R", "xa-cao-vien": "M"}
CHAIN_HEADS = {"tt-kim-bai": "M", "xa-dan-hoa": "A", "xa-my-hung": "L", "vp-hdnd-ubnd": "A", "mttq": "S", "cong-an": "A"}


def seed_requests(units, staff) -> int:
    cal = demo_calendar()
    by_pk = {unit.pk: code for code, unit in units.items()}
    count = 0
    for story_title, kind, mode, targets, issued, due, number, description, outline, pattern in REQUESTS:
        year = cal.round_year if kind == DocumentKind.FINAL_REPORT else cal.year
        issued = cal.on(year, issued.month, issued.day)
        if not isinstance(due, int):
            due = cal.on(year, due.month, due.day)
        if issued > cal.today + ISSUED_EARLY:
            continue  # not issued yet on the day the demo is loaded
        issued = min(issued, cal.days(-2))  # one the story issues within three weeks went out two days ago
        title = cal.retell(story_title, year=year)
        request = SubmissionRequest.objects.filter(title=title).first()
        if request is None:
            working = isinstance(due, int)
            request = request_create(
                by=staff,
                title=title,
                document_kind=kind,
                recipient_mode=mode,
                units=[units[code] for code in targets] if mode == RecipientMode.NAMED else (),
                issued_on=issued,
                due_mode=DueMode.WORKING_DAYS if working else DueMode.DATE,
                due_days=due if working else None,
                due_date=None if working else due,
                document_number=number,
                description=cal.retell(description, year=year),
                outline=outline,
                announce=False,
            )
        count += 1
        for index, recipient in enumerate(request.recipients.select_related("unit").order_by("unit__sort_order")):
            code = by_pk.get(recipient.unit_id, "")
            outcome = pattern[index % len(pattern)]
            pinned = PINNED.get(code, {})
            outcome = pinned.get(story_title, pinned.get("*", outcome))
            if outcome == "M" or recipient.submissions.exists():
                continue
            _submit(recipient, request, outcome, index, staff)
        _close_if_long_past(request, cal)
    return count


def _close_if_long_past(request: SubmissionRequest, cal) -> None:
    """The office closed the request three weeks after its due date (core.demo_calendar.CLOSE_AFTER)."""
    if request.closed_at is None and cal.long_past(request.due_date):
        SubmissionRequest.objects.filter(pk=request.pk).update(closed_at=at(request.due_date + CLOSE_AFTER, 16))


def _submit(
    recipient: RequestRecipient, request: SubmissionRequest, outcome: str, index: int, staff, reviewer: User | None = None
) -> None:
    """A submission as the unit's clerk would have made it; reviewed by the request's receiver: the
    office (`staff`), or the cluster head's clerk given as `reviewer` (none when the head has no account).
    Nothing happens after the day the demo is loaded: what would be sent and reviewed later is not there
    yet (one waiting for review is sent on that day at the latest)."""
    cal = demo_calendar()
    clerk = User.objects.filter(role_assignments__unit=recipient.unit, role_assignments__role="unit_clerk").first() or staff
    late = outcome == "L"
    day = (
        request.due_date + datetime.timedelta(days=2 + index % 3)
        if late
        else request.due_date - datetime.timedelta(days=1 + index % 5)
    )
    if outcome != "S" and not cal.is_past(day):
        return  # not sent yet on the day of loading
    day = max(cal.not_after(day), request.issued_on)
    when = min(at(day, 8 + index % 8), timezone.now())
    name = f"{request.get_document_kind_display()} – {recipient.unit.name}.pdf"
    content = pdf(name)
    submission = Submission(
        recipient=recipient,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=clerk,
        uploaded_at=when,
    )
    submission.file.save("van-ban.pdf", ContentFile(content), save=False)
    submission.save()
    status = {
        "A": SubmissionStatus.ACCEPTED,
        "L": SubmissionStatus.ACCEPTED,
        "S": SubmissionStatus.SUBMITTED,
        "R": SubmissionStatus.RETURNED,
    }[outcome]
    recipient.status, recipient.submitted_at, recipient.submitted_by = status, when, clerk
    if status != SubmissionStatus.SUBMITTED:
        head_receives = request.receiver == Receiver.CLUSTER_HEAD
        reviewed = min(when + datetime.timedelta(days=1), timezone.now())
        recipient.reviewed_at, recipient.reviewed_by = reviewed, reviewer if head_receives else staff
    if status == SubmissionStatus.RETURNED:
        recipient.return_reason = "Thiếu chữ ký của thủ trưởng và dấu của đơn vị; đề nghị gửi lại bản đã ký."
    recipient.save()


def seed_report_chain(units) -> int:
    """The six-month report through the clusters and blocs of the calendar year, with rows in every state. Needs
    the clusters (clusters.demo.seed_clusters runs before). Idempotent; returns the rows filled."""
    from clusters.models import EmulationGroup

    staff = User.objects.get(username="noivu")
    cal = demo_calendar()
    year = cal.year
    if not cal.is_past(D(year, 6, 5)):
        return 0  # issued in June: not yet on the day the demo is loaded
    members_title, _heads_title = chain_titles(cal.retell(CHAIN_TITLE, year=year))
    members = SubmissionRequest.objects.filter(title=members_title).first()
    if members is None:
        groups = list(EmulationGroup.objects.filter(year=year, head__isnull=False))
        if not groups:
            return 0
        members, heads = report_chain_create(
            by=staff,
            year=year,
            kind=DocumentKind.INTERIM_REPORT,
            groups=groups,
            title=cal.retell(CHAIN_TITLE, year=year),
            issued_on=D(year, 6, 5),
            member_due=D(year, 6, 23),
            head_due=D(year, 6, 30),
            document_number="102/UBND-NV",
            description=cal.retell(CHAIN_DESCRIPTION, year=year),
            outline=cal.retell(INTERIM_OUTLINE, year=year),
            announce=False,
        )
    else:
        heads = members.next_steps.get()
    by_pk = {unit.pk: code for code, unit in units.items()}
    filled = 0
    rows = members.recipients.select_related("unit", "group").order_by("group__sort_order", "unit__sort_order")
    for index, recipient in enumerate(rows):
        outcome = CHAIN_PINNED.get(by_pk.get(recipient.unit_id, ""), CHAIN_MEMBER_PATTERN[index % len(CHAIN_MEMBER_PATTERN)])
        if outcome == "M" or recipient.submissions.exists():
            continue
        head_clerk = User.objects.filter(
            role_assignments__unit_id=recipient.group.head_id, role_assignments__role="unit_clerk"
        ).first()
        _submit(recipient, members, outcome, index, staff, reviewer=head_clerk)
        filled += 1
    for index, recipient in enumerate(heads.recipients.select_related("unit").order_by("unit__sort_order")):
        outcome = CHAIN_HEADS.get(by_pk.get(recipient.unit_id, ""), "A")
        if outcome == "M" or recipient.submissions.exists():
            continue
        _submit(recipient, heads, outcome, index, staff)
        filled += 1
    _close_if_long_past(members, cal)
    _close_if_long_past(heads, cal)
    return filled
