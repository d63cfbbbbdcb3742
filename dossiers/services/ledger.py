"""The award ledger: approved nominees enter it when their dossier is decided, the office merges
duplicate people and imports the awards of past years (rows parsed by excel.parse_ledger).

A person is matched by the same full name, birth date and unit (persons merged into another are
ignored: dossiers/people.py); an award the ledger already holds for that person and year is
skipped, so importing the same file twice adds nothing.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.services import audit_record
from core.services import require_perm as _require
from core.text import normalize_text

from ..enums import Channel, Outcome, Subject
from ..models import AwardRecord, Dossier, Nominee, Person
from ..people import awards_held, ensure_people, row_key
from ..selectors import people_of
from .nominees import link_people


def is_unit_itself(nominee: Nominee, dossier: Dossier) -> bool:
    """A collective nominee named exactly like the proposing unit is that unit."""
    return nominee.subject == Subject.COLLECTIVE and nominee.full_name == dossier.unit.name


def _take_over_proposed(dossier: Dossier, approved: list[Nominee]) -> list[Nominee]:
    """A Tờ trình sent up (#13): the proposing authority entered its approved nominees in its ledger without
    a decision. The decider's result takes over that one row (an award is held once a year): an approved
    nominee's row becomes the decider's, a refused one's undecided row goes. Returns the approved nominees
    that still need a row."""
    sent_up = dossier.nominees.filter(proposed_from__isnull=False)
    approved_from = {n.proposed_from_id: n for n in approved if n.proposed_from_id}
    rows = list(AwardRecord.objects.filter(nominee_id__in=list(approved_from), decision_date__isnull=True))
    for row in rows:
        row.nominee, row.authority_id = approved_from[row.nominee_id], dossier.authority_id
    AwardRecord.objects.bulk_update(rows, ["nominee", "authority"])
    refused = sent_up.exclude(outcome=Outcome.APPROVED).values("proposed_from_id")
    AwardRecord.objects.filter(nominee_id__in=refused, decision_date__isnull=True).delete()
    taken = {row.nominee_id for row in rows}
    return [n for n in approved if n.pk not in taken]


def ledger_record_decided(dossier: Dossier) -> None:
    """Approved nominees enter the award ledger of their person or collective."""
    approved = list(dossier.nominees.filter(outcome=Outcome.APPROVED).select_related("award"))
    unlinked = [n for n in approved if n.subject == Subject.INDIVIDUAL and n.person_id is None]
    if unlinked:  # e.g. entered before people were tracked: link them now rather than lose the award
        link_people(unlinked, dossier.unit)
        Nominee.objects.bulk_update(unlinked, ["person"])
    if dossier.channel == Channel.UPWARD:
        approved = _take_over_proposed(dossier, approved)
    records = [
        AwardRecord(
            authority_id=dossier.authority_id,
            year=dossier.round.year,
            award=nominee.award,
            person_id=nominee.person_id,
            collective_unit=dossier.unit if is_unit_itself(nominee, dossier) else None,
            collective_name="" if nominee.subject == Subject.INDIVIDUAL else nominee.full_name,
            nominee=nominee,
            source=AwardRecord.Source.DECISION,
        )
        for nominee in approved
    ]
    try:
        with transaction.atomic():
            AwardRecord.objects.bulk_create(records)
    except IntegrityError as exc:
        raise ValidationError(
            _("Một người được ghi nhận hai lần cùng danh hiệu trong cùng năm: kiểm tra lại danh sách.")
        ) from exc


@transaction.atomic
def person_merge(*, by, keep: Person, duplicate: Person) -> Person:
    """Move a duplicate person's awards and nominations onto the person kept."""
    _require(by, "dossiers.process_dossier")
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Hãy chọn hai người khác nhau để gộp."))
    known = people_of(authority_id=by.acting_authority_id).filter(pk__in=[keep.pk, duplicate.pk]).count()
    if known != 2:  # another authority's people are not this office's to merge
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    here = by.acting_authority_id
    elsewhere = (
        duplicate.awards.exclude(authority_id=here).exists()
        or Nominee.objects.filter(person=duplicate).exclude(dossier__authority_id=here).exists()
    )
    if elsewhere and not by.has_perm("accounts.manage_all_users"):
        # Merging moves every authority's rows of the person: the administrator's to do, not one office's (#13).
        raise PermissionDenied(
            _("Người này có khen thưởng hoặc hồ sơ ở cơ quan khác: đề nghị quản trị hệ thống gộp để không sửa sổ của cơ quan đó.")
        )
    moved = 0
    for record in duplicate.awards.all():
        if AwardRecord.objects.filter(person=keep, award=record.award, year=record.year).exists():
            record.delete()
        else:
            record.person = keep
            record.save(update_fields=["person"])
            moved += 1
    Nominee.objects.filter(person=duplicate).update(person=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    audit_record(
        actor=by, action="person_merge", obj=keep, changes={"merged": [str(duplicate), str(keep)], "awards_moved": [0, moved]}
    )
    return keep


def _may_import_from(issuer, authority_id: int) -> bool:
    """No issuer named, the importer itself, or an authority dissolved whose successor is the importer."""
    if issuer is None or issuer.pk == authority_id:
        return True
    return issuer.dissolved_on is not None and issuer.successor_id == authority_id


def _issuer_name(issuer, authority_id: int) -> str:
    """The dissolved issuer's name kept on the row (“UBND huyện Phong Thổ”); empty for the importer's own."""
    if issuer is None or issuer.pk == authority_id:
        return ""
    return issuer.short_name or issuer.name


@transaction.atomic
def ledger_import(*, by, rows: list[dict]) -> int:
    """Add past years' individual awards to the ledger; returns how many records were created.

    Rows already in the ledger are skipped: len(rows) minus the result is the number skipped.
    Each row is a dict with year, full_name, date_of_birth, unit, award, decision_number, decision_date and
    optionally issuer: the authority that decided it, the importer's own or one dissolved since whose records
    the importer took over (#13, the 2025 reform). Such a row is the importer's, keeping the issuer's name.
    """
    _require(by, "dossiers.process_dossier")
    if not rows:
        return 0
    if any(row["unit"].authority_id != by.acting_authority_id for row in rows if row.get("unit")):
        raise ValidationError(_("Tệp có đơn vị không thuộc cơ quan đang làm việc: chưa nhập gì."))
    if not all(_may_import_from(row.get("issuer"), by.acting_authority_id) for row in rows):
        raise ValidationError(
            _("Tệp có quyết định của cơ quan khác, không phải cơ quan đã giải thể mà cơ quan này kế thừa: chưa nhập gì.")
        )
    persons, created_ids = ensure_people({row_key(row): "" for row in rows})

    held = awards_held(p.pk for p in persons.values() if p.pk not in created_ids)
    records = []
    for row in rows:
        person = persons[row_key(row)]
        key = (person.pk, row["award"].pk, row["year"])
        if key in held:
            continue
        held.add(key)
        records.append(
            AwardRecord(
                authority_id=by.acting_authority_id,
                year=row["year"],
                award=row["award"],
                person=person,
                source=AwardRecord.Source.IMPORT,
                decision_number=normalize_text(row.get("decision_number")),
                decision_date=row.get("decision_date"),
                issuer_name=_issuer_name(row.get("issuer"), by.acting_authority_id),
            )
        )
    try:
        with transaction.atomic():
            AwardRecord.objects.bulk_create(records)
    except IntegrityError as exc:
        raise ValidationError(_("Sổ khen thưởng vừa được cập nhật cùng lúc bởi người khác. Vui lòng nhập lại tệp.")) from exc

    by_person: dict[int, list[AwardRecord]] = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    skipped = len(rows) - len(records)
    for person in {p.pk: p for p in persons.values()}.values():
        if person.pk not in by_person and person.pk not in created_ids:
            continue
        changes = {"person": [None, str(person)]} if person.pk in created_ids else {}
        for record in by_person.get(person.pk, []):
            decision = record.decision_number
            if record.decision_date:
                decision = _("%(number)s ngày %(date)s") % {"number": decision, "date": f"{record.decision_date:%d/%m/%Y}"}
            decision = " – ".join(part for part in (decision.strip(), record.issuer_label) if part)
            changes[f"{record.year}: {record.award.name}"] = [None, decision or _("nhập từ Excel")]
        audit_record(
            actor=by,
            action="ledger_import",
            obj=person,
            changes=changes,
            note=_("Nhập sổ khen thưởng từ Excel: %(created)s bản ghi mới, bỏ qua %(skipped)s dòng đã có.")
            % {"created": len(records), "skipped": skipped},
        )
    return len(records)
