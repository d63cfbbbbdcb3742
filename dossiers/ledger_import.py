"""Writing the awards of past years into the ledger (rows parsed by excel.parse_ledger).

A person is matched by the same full name, birth date and unit (persons merged into another are
ignored: dossiers/people.py); an award the ledger already holds for that person and year is
skipped, so importing the same file twice adds nothing.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.services import audit_record, require_perm
from core.text import normalize_text

from .models import AwardRecord
from .people import awards_held, ensure_people
from .people import row_key as _key


@transaction.atomic
def ledger_import(*, by, rows: list[dict]) -> int:
    """Add past years' individual awards to the ledger; returns how many records were created.

    Rows already in the ledger are skipped: len(rows) minus the result is the number skipped.
    Each row is a dict with year, full_name, date_of_birth, unit, award, decision_number, decision_date.
    """
    require_perm(by, "dossiers.process_dossier")
    if not rows:
        return 0
    persons, created_ids = ensure_people({_key(row): "" for row in rows})

    held = awards_held(p.pk for p in persons.values() if p.pk not in created_ids)
    records = []
    for row in rows:
        person = persons[_key(row)]
        key = (person.pk, row["award"].pk, row["year"])
        if key in held:
            continue
        held.add(key)
        records.append(
            AwardRecord(
                year=row["year"],
                award=row["award"],
                person=person,
                source=AwardRecord.Source.IMPORT,
                decision_number=normalize_text(row.get("decision_number")),
                decision_date=row.get("decision_date"),
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
            changes[f"{record.year}: {record.award.name}"] = [None, decision.strip() or _("nhập từ Excel")]
        audit_record(
            actor=by,
            action="ledger_import",
            obj=person,
            changes=changes,
            note=_("Nhập sổ khen thưởng từ Excel: %(created)s bản ghi mới, bỏ qua %(skipped)s dòng đã có.")
            % {"created": len(records), "skipped": skipped},
        )
    return len(records)
