"""Plain dicts for documents/ (the context contract in documents/README.md): what a PDF shows is
built here once, from the database, and rendered elsewhere from the dict alone."""

from django.db.models import Count
from django.utils import timezone

from documents.formatting import default_office_name, head_of, locality, payout_by_unit, unabbreviate
from documents.selectors import legal_bases as legal_basis_lines
from dossiers.models import Regime
from units.models import Authority

from .models import Attendance, BonusPolicy, CouncilMember, Meeting
from .money import amount_in_words, format_money


def authority_dict(a: Authority) -> dict:
    return {
        **a.document_header(),
        "standing_office_name": a.standing_office_name,
        "council_name": a.council_name,
        "level": a.level,
    }


def signer_dict(a: Authority, mode: str, *, collective: bool = True) -> dict:
    """mode "tm" the chair signs, "kt" a deputy for him; collective: a document of the committee (TM.), not a
    decision the chair takes in his own name."""
    return a.signer(deputy=mode == "kt", collective=collective)


def full_name(a: Authority) -> str:
    """ "Ủy ban nhân dân huyện Thanh Oai": the authority as a document's text names it, unabbreviated."""
    return unabbreviate(a.short_name)


def office_name(a: Authority) -> str:
    """The authority's office in full: its own data, else the level's ("Văn phòng Hội đồng nhân dân và Ủy ban
    nhân dân xã Phong Thổ")."""
    return unabbreviate(a.office_name) or default_office_name(a.level, locality(a.short_name))


def executors(a: Authority) -> list[str]:
    """Who executes a decision (its Điều 3), unabbreviated: the authority's list, else the heads of its office and
    of its standing office for emulation (one line when they are the same body, as in a commune)."""
    own = [unabbreviate(line.strip().rstrip(",;.")) for line in a.decision_executors.splitlines() if line.strip()]
    if own:
        return own
    heads = [head_of(office_name(a)), head_of(a.standing_office_name)]
    return [head for index, head in enumerate(heads) if head and head not in heads[:index]]


def _person(member: CouncilMember | None) -> dict:
    if member is None:
        return {"name": "", "title": ""}
    return {"name": member.user.full_name, "title": member.title or member.get_position_display()}


def minutes_dict(meeting: Meeting) -> dict:
    """Members are counted one way, as the ballot counts them: present and total are the voting members (those
    without a vote, the secretary as a rule, are listed apart), so "có mặt 4/5" matches each tally's "x/5"."""
    members = list(meeting.council.members.select_related("user"))
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    present, absent, non_voting = [], [], []
    for m in members:
        a = attendance.get(m.pk)
        if not m.votes:
            non_voting.append({**_person(m), "present": a is None or a.present})
        elif a is None or a.present:
            present.append(_person(m))
        else:
            absent.append({**_person(m), "written_opinion": a.written_opinion})
    chair = next((m for m in members if m.position == CouncilMember.Position.CHAIR), None)
    secretary = next((m for m in members if m.position == CouncilMember.Position.SECRETARY), None)
    items = []
    lists_done: set[int] = set()
    list_sizes = dict(
        meeting.items.filter(agenda_list__isnull=False).values_list("agenda_list").annotate(n=Count("id")).order_by()
    )
    for item in meeting.items.select_related("nominee__dossier__unit", "award", "agenda_list"):
        # A list approved in one vote is one row of the minutes (its nominees are in the decision's annex).
        result = item.agenda_list if item.agenda_list_id else item
        if item.agenda_list_id:
            if item.agenda_list_id in lists_done:
                continue
            lists_done.add(item.agenda_list_id)
            full_name = f"Cả danh sách {list_sizes[item.agenda_list_id]} người, tập thể (biểu quyết một lần)"
            unit = ""
        else:
            full_name, unit = item.nominee.full_name, item.nominee.dossier.unit.name
        percent = f"{result.yes * 100 / result.denominator:.1f}".replace(".", ",") if result.denominator else "0"
        items.append(
            {
                "award": item.award.name,
                "full_name": full_name,
                "unit": unit,
                "yes": result.yes or 0,
                "no": result.no or 0,
                "abstain": result.abstain or 0,
                "denominator": result.denominator or 0,
                "percent": percent,
                "threshold_label": result.threshold_label,
                "passed": bool(result.passed),
                "size": list_sizes[item.agenda_list_id] if item.agenda_list_id else 1,
            }
        )
    return {
        "authority": authority_dict(meeting.council.authority),
        "number": meeting.minutes_number,
        "council_name": meeting.council.name,
        "started_at": timezone.localtime(meeting.starts_at).isoformat(),
        "ended_at": timezone.localtime(meeting.closed_at).isoformat() if meeting.closed_at else "",
        "place": meeting.place,
        "chair": _person(chair),
        "secretary": _person(secretary),
        "members_total": len(present) + len(absent),
        "present": present,
        "absent": absent,
        "non_voting": non_voting,
        "office_report": meeting.office_report,
        "items": items,
        "results_conclusion": _results_conclusion(items),
        "conclusion": meeting.conclusion,
    }


def _results_conclusion(items: list[dict]) -> list[str]:
    """The "Kết luận" the results give, one line per award in agenda order: how many passed, and who did not."""
    by_award: dict[str, dict] = {}
    for item in items:
        entry = by_award.setdefault(item["award"], {"passed": 0, "failed": []})
        if item["passed"]:
            entry["passed"] += item.get("size", 1)
        else:
            entry["failed"].append(f"{item['full_name']} ({item['yes']}/{item['denominator']})")
    lines = []
    for award, entry in by_award.items():
        line = f"- {award}: {entry['passed']:02d} người, tập thể đạt tỷ lệ phiếu đồng ý theo quy định, đề nghị khen thưởng"
        if entry["failed"]:
            line += f"; không đạt: {', '.join(entry['failed'])}"
        lines.append(line + ".")
    return lines


# --- Decisions -----------------------------------------------------------------------------------


def _plain_award_name(award) -> str:
    """ "Giấy khen của Chủ tịch UBND huyện (cá nhân)" → "Giấy khen của Chủ tịch UBND huyện"."""
    return award.name.split(" (")[0]


def award_phrase(award, year: int) -> str:
    """The award as a trích yếu or an article names it, without abbreviations."""
    if award.kind == "danh_hieu":
        return unabbreviate(f"danh hiệu “{award.name}” năm {year}")
    return unabbreviate(_plain_award_name(award))


def decision_title(decision) -> str:
    """The trích yếu, without abbreviations: "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện"."""
    phrase = award_phrase(decision.award, decision.round.year)
    verb = "công nhận" if decision.award.kind == "danh_hieu" else "tặng"
    if decision.kind == "to_trinh":
        return f"Về việc đề nghị {verb} {phrase}"
    return f"Về việc {verb} {phrase}"


def _count_phrase(counts: dict) -> str:
    parts = [f"{n:02d} {label}" for label, n in counts.items() if n]
    return " và ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else (parts[0] if parts else "")


def _holder(line) -> dict:
    nominee = line.nominee
    return {
        "full_name": nominee.full_name,
        "position": nominee.position,
        "unit": nominee.work_unit or nominee.dossier.unit.name,
        "dossier_unit": nominee.dossier.unit.name,  # the unit that proposed and is paid (payout_dict)
        "award": _plain_award_name(nominee.award),
        "amount": line.amount,
    }


def decision_dict(decision, lines, *, number: str, date, signer: str) -> dict:
    """Everything the issued decision (or proposal) shows, frozen: later edits change nothing.

    Who signs follows who decides: an award the Chairman confers in his own name signs "CHỦ TỊCH" (a deputy "KT. CHỦ
    TỊCH"); an award of the committee (AwardType.conferred_by) and every Tờ trình sign "TM. ỦY BAN NHÂN DÂN". The
    "Căn cứ" lines are data (documents.LegalBasis around the regime's law and decree), in force on the date."""
    a = decision.authority
    authority = authority_dict(a)
    year = decision.round.year
    individuals = [_holder(line) for line in lines if line.nominee.subject == "ca_nhan"]
    collectives = [_holder(line) for line in lines if line.nominee.subject in ("tap_the", "thon_to")]
    households = [_holder(line) for line in lines if line.nominee.subject == "ho_gia_dinh"]
    total = sum(line.amount for line in lines)
    regime = Regime.for_date(date)
    policy = BonusPolicy.objects.filter(regime=regime).first()
    counts = _count_phrase({"tập thể": len(collectives), "hộ gia đình": len(households), "cá nhân": len(individuals)})
    phrase = award_phrase(decision.award, year)
    verb = "Công nhận" if decision.award.kind == "danh_hieu" else "Tặng"
    by_committee = decision.kind == "to_trinh" or decision.award.by_committee
    name = full_name(a)
    legal_bases = legal_basis_lines(
        authority=a,
        on=date,
        kind=decision.kind,
        regime_lines=regime.legal_basis.splitlines() if regime else [],
        values={
            "proposal_ref": unabbreviate(decision.proposal_ref.strip().rstrip(".")),
            "office_head": head_of(a.standing_office_name),
            "council": a.council_name,
        },
    )
    filed = f"Lưu: VT, {a.office_code or 'NV'}."  # each authority's drafting office (a commune's VP, Sở Nội vụ's SNV)
    data = {
        "authority": authority,
        "signer": signer_dict(a, signer, collective=by_committee),
        "number": number,
        "date": date.isoformat(),
        "title": decision_title(decision),
        "issuer_title": a.name if by_committee else f"{a.chair_title} {a.name}",
        "legal_bases": legal_bases,
        "individuals": individuals,
        "collectives": collectives,
        "households": households,
        "total_amount": total,
        "total_in_words": amount_in_words(total),
        "annex_title": f"DANH SÁCH {'TẬP THỂ, CÁ NHÂN' if collectives else 'CÁ NHÂN'} ĐƯỢC "
        f"{'ĐỀ NGHỊ ' if decision.kind == 'to_trinh' else ''}{verb.upper()} {phrase.upper()}",
        "recipients": ["Như Điều 3;", f"Thường trực {authority['council_name']};", filed],
    }
    if decision.kind == "to_trinh":
        addressee = unabbreviate(a.parent_addressee) or "Chủ tịch Ủy ban nhân dân cấp trên"
        data.update(
            {
                "to": [addressee],
                "paragraphs": [
                    *legal_bases,
                    f"Căn cứ kết quả họp {a.council_name}, {name} kính đề nghị "
                    f"{verb.lower()} {phrase} cho {counts} (có danh sách kèm theo).",
                    f"{name} kính trình {addressee} xem xét, quyết định./.",
                ],
                "legal_bases": [],
                "recipients": ["Như trên;", filed],
            }
        )
        return data
    fund = policy.fund_source if policy else "Quỹ thi đua, khen thưởng"
    data["articles"] = [
        f"Điều 1. {verb} {phrase} cho {counts} (có danh sách kèm theo).",
        f"Điều 2. Tiền thưởng thực hiện theo quy định hiện hành, tổng số tiền: {format_money(total)} đồng "
        f"(Bằng chữ: {amount_in_words(total)}), trích từ {fund} năm {date.year}.",
        f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {', '.join(executors(a))}, thủ trưởng các cơ quan, đơn vị có liên "
        "quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ]
    return data


def certificate_dicts(decision, *, verify_url) -> list[dict]:
    """One certificate per line, from the issued snapshot (names as they were when signed)."""
    snap = decision.snapshot
    out = []
    for entry in snap.get("certificates", []):
        out.append(
            {
                "authority": snap["authority"],
                "signer": snap["signer"],
                "issuer_title": snap["issuer_title"],
                "form_title": entry["form_title"],
                "award_line": entry["award_line"],
                "recipient": entry["recipient"],
                "recipient_detail": entry["recipient_detail"],
                "achievement": entry["achievement"],
                "decision_number": snap["number"],
                "decision_date": snap["date"],
                "register_number": str(entry["register_number"]),
                "place_name": snap["authority"]["place_name"],
                "date": snap["date"],
                "verify_url": verify_url(entry["token"]),
                "revoked": decision.is_revoked,
            }
        )
    return out


def certificate_entry(line, certificate, year: int) -> dict:
    nominee = line.nominee
    award = nominee.award
    if nominee.subject == "ca_nhan":
        salutation = {"nu": "Bà", "nam": "Ông"}.get(nominee.gender, "Ông/Bà")
        recipient = f"{salutation} {nominee.full_name}"
        detail = ", ".join(part for part in (nominee.position, nominee.work_unit or nominee.dossier.unit.name) if part)
    else:
        recipient = nominee.full_name
        detail = nominee.dossier.unit.name if nominee.full_name != nominee.dossier.unit.name else ""
    giay_khen = award.kind == "hinh_thuc" and award.name.startswith("Giấy khen")
    return {
        "line": line.pk,
        "token": certificate.token,
        "register_number": certificate.register_number,
        "form_title": "GIẤY KHEN" if giay_khen else "GIẤY CHỨNG NHẬN",
        "award_line": (
            f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"
            if giay_khen
            else f"Đạt danh hiệu “{award.name}” năm {year}"
        ),
        "recipient": recipient,
        "recipient_detail": detail,
        "achievement": nominee.achievement,
        "award": _plain_award_name(award),
    }


def payout_unit(row: dict) -> str:
    """The "Đơn vị" of a payout row, one source for its PDF and its Excel list: the unit whose dossier
    proposed the person (the money is paid through it), not the work unit the clerk typed. A snapshot
    issued before it was kept knows only the latter."""
    return row.get("dossier_unit") or row["unit"]


def payout_dict(decision) -> dict:
    """The payout list of an issued decision, from its snapshot: the PDF (documents/payout.html) and the
    Excel export (reports.exports.decisions.build_payout) both read it."""
    snap = decision.snapshot
    rows = [{**row, "unit": payout_unit(row)} for row in (*snap["individuals"], *snap["collectives"], *snap["households"])]
    return {
        "authority": snap["authority"],
        "signer": snap["signer"],
        "decision_number": snap["number"],
        "decision_date": snap["date"],
        "rows": rows,
        "by_unit": payout_by_unit(rows),
        "total_amount": snap["total_amount"],
        "total_in_words": amount_in_words(snap["total_amount"]),
    }
