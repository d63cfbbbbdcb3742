import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.enums import Role
from core.models import AuditEntry
from dossiers import services
from dossiers.enums import DossierStatus as S
from dossiers.enums import Outcome, Verdict
from dossiers.models import AwardRecord, Dossier, DossierRevision
from notifications.models import Notification
from tests.clock import at
from tests.factories import user_with_role

from .conftest import add_person

pytestmark = pytest.mark.django_db


def _move(dossier, to, by, note=""):
    dossier.refresh_from_db()
    return services.dossier_transition(dossier, to=to, by=by, note=note)


def test_submit_requires_nominees(draft, clerk_a):
    with pytest.raises(ValidationError) as excinfo:
        _move(draft, S.SUBMITTED, clerk_a)
    assert excinfo.value.messages == ["Hồ sơ chưa có người, tập thể nào được đề nghị."]
    assert Dossier.objects.get(pk=draft.pk).status == S.DRAFT


def test_submit_lists_missing_documents(draft, clerk_a, ldtt):
    add_person(clerk_a, draft, ldtt)
    with pytest.raises(ValidationError) as excinfo:
        _move(draft, S.SUBMITTED, clerk_a)
    assert excinfo.value.messages == ["Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng, Biên bản họp bình xét."]


def test_submit_snapshots_and_notifies_office(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    dossier = Dossier.objects.get(pk=complete_draft.pk)
    assert dossier.status == S.SUBMITTED
    assert dossier.submitted_at is not None
    revision = DossierRevision.objects.get(dossier=dossier)
    assert [n["full_name"] for n in revision.data["nominees"]] == ["Nguyễn Thị Hoa"]
    assert Notification.objects.get(recipient=office_staff).title == "Hồ sơ mới: Đề nghị khen thưởng năm 2024"
    assert AuditEntry.objects.filter(action="dossier_da_gui", object_id=str(dossier.pk), actor=clerk_a).count() == 1


def test_second_click_does_not_submit_twice(complete_draft, clerk_a):
    stale = Dossier.objects.get(pk=complete_draft.pk)
    _move(complete_draft, S.SUBMITTED, clerk_a)
    with pytest.raises(ValidationError):
        services.dossier_transition(stale, to=S.SUBMITTED, by=clerk_a)
    assert DossierRevision.objects.filter(dossier=complete_draft).count() == 1


def test_clerk_of_other_unit_cannot_submit(complete_draft, clerk_b):
    with pytest.raises(PermissionDenied):
        _move(complete_draft, S.SUBMITTED, clerk_b)


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.COUNCIL_MEMBER, Role.OFFICE_STAFF, Role.ADMIN])
def test_only_the_units_clerk_submits(complete_draft, unit_a, role):
    user = user_with_role(role, unit_a if role == Role.UNIT_HEAD else None)
    with pytest.raises(PermissionDenied):
        _move(complete_draft, S.SUBMITTED, user)


def test_unit_head_can_withdraw_before_reception(complete_draft, clerk_a, unit_a):
    head = user_with_role(Role.UNIT_HEAD, unit_a)
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.WITHDRAWN, head, note="Đơn vị rà soát lại danh sách")
    assert Dossier.objects.get(pk=complete_draft.pk).status == S.WITHDRAWN


def test_withdrawal_after_reception_is_refused(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    with pytest.raises(ValidationError) as excinfo:
        _move(complete_draft, S.WITHDRAWN, clerk_a, note="x")
    assert excinfo.value.messages == ["Không thể chuyển hồ sơ từ “Đã tiếp nhận, đang thẩm định” sang “Đơn vị đã rút”."]


@pytest.mark.parametrize("role", [Role.UNIT_CLERK, Role.UNIT_HEAD, Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR])
def test_only_office_staff_receive(complete_draft, clerk_a, unit_a, role):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    user = clerk_a if role == Role.UNIT_CLERK else user_with_role(role, unit_a if role == Role.UNIT_HEAD else None)
    with pytest.raises(PermissionDenied):
        _move(complete_draft, S.RECEIVED, user)


def test_reception_gives_receipt_number_and_due_date_in_working_days(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    dossier = Dossier.objects.get(pk=complete_draft.pk)
    today = timezone.localdate()
    assert dossier.receipt_number == f"{today.year}-00001"
    from dossiers.workdays import add_working_days

    assert dossier.due_date == add_working_days(today, 20)
    clerk_note = Notification.objects.get(recipient=clerk_a)
    assert clerk_note.title == "Hồ sơ “Đề nghị khen thưởng năm 2024”: Đã tiếp nhận, đang thẩm định"
    assert f"Số tiếp nhận {today.year}-00001" in clerk_note.body


def test_return_needs_a_reason(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    with pytest.raises(ValidationError) as excinfo:
        _move(complete_draft, S.RETURNED, office_staff)
    assert excinfo.value.message_dict == {"note": ["Hãy ghi nội dung (lý do, yêu cầu) cho thao tác này."]}


@pytest.mark.time_machine(at(2026, 11, 9))  # a Monday far from Tết: the week before holds five working days
def test_return_and_resubmit_pauses_the_clock(complete_draft, clerk_a, office_staff, ldtt):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    _move(complete_draft, S.RETURNED, office_staff, note="Bổ sung ngày sinh của bà Hoa")
    # The unit needed five working days: pretend it was returned the Monday before.
    returned = timezone.now() - datetime.timedelta(days=7)
    Dossier.objects.filter(pk=complete_draft.pk).update(returned_at=returned)
    before = Dossier.objects.get(pk=complete_draft.pk)
    add_person(clerk_a, before, ldtt, full_name="Lê Văn Tùng", date_of_birth=datetime.date(1979, 7, 2))
    _move(complete_draft, S.RECEIVED, clerk_a)
    after = Dossier.objects.get(pk=complete_draft.pk)
    from dossiers.workdays import add_working_days, working_days_between

    paused = working_days_between(timezone.localtime(returned).date(), timezone.localdate())
    assert paused >= 4
    assert after.paused_working_days == paused
    assert after.due_date == add_working_days(before.due_date, paused)
    assert after.status == S.RECEIVED
    assert DossierRevision.objects.filter(dossier=after).count() == 2


def test_returned_dossier_is_editable_again_and_received_is_not(complete_draft, clerk_a, office_staff, ldtt):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    with pytest.raises(ValidationError):
        add_person(clerk_a, complete_draft, ldtt, full_name="Không được thêm")
    _move(complete_draft, S.RECEIVED, office_staff)
    _move(complete_draft, S.RETURNED, office_staff, note="Bổ sung")
    add_person(clerk_a, complete_draft, ldtt, full_name="Được thêm")
    assert complete_draft.nominees.count() == 2


def test_appraisal_needs_every_verdict(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    with pytest.raises(ValidationError) as excinfo:
        _move(complete_draft, S.APPRAISED, office_staff)
    assert excinfo.value.messages == ["Còn 1 người, tập thể chưa có kết luận thẩm định."]
    nominee = complete_draft.nominees.get()
    with pytest.raises(ValidationError):
        services.nominee_appraise(by=office_staff, nominee=nominee, verdict=Verdict.INELIGIBLE, note="")
    services.nominee_appraise(by=office_staff, nominee=nominee, verdict=Verdict.ELIGIBLE, note="")
    _move(complete_draft, S.APPRAISED, office_staff)
    assert Dossier.objects.get(pk=complete_draft.pk).status == S.APPRAISED


def test_consultation_round_trip(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    _move(complete_draft, S.CONSULTING, office_staff, note="Xin ý kiến Công an huyện, Chi cục Thuế")
    _move(complete_draft, S.RECEIVED, office_staff)
    assert Dossier.objects.get(pk=complete_draft.pk).consultation_note == "Xin ý kiến Công an huyện, Chi cục Thuế"


def test_decision_enters_the_ledger(complete_draft, clerk_a, office_staff):
    _move(complete_draft, S.SUBMITTED, clerk_a)
    _move(complete_draft, S.RECEIVED, office_staff)
    nominee = complete_draft.nominees.get()
    services.nominee_appraise(by=office_staff, nominee=nominee, verdict=Verdict.ELIGIBLE, note="")
    _move(complete_draft, S.APPRAISED, office_staff)
    _move(complete_draft, S.AT_COUNCIL, office_staff)
    # No ballot here: the office's explicit override (with its reason) stands in for the council's result.
    with pytest.raises(ValidationError):
        services.nominee_outcome_override(by=office_staff, nominee=nominee, outcome=Outcome.APPROVED, reason=" ")
    services.nominee_outcome_override(
        by=office_staff, nominee=nominee, outcome=Outcome.APPROVED, reason="Hội đồng biểu quyết trên giấy ngày 10/01"
    )
    _move(complete_draft, S.DECIDED, office_staff)
    record = AwardRecord.objects.get()
    assert (record.year, record.award.code, record.person.full_name) == (2024, "ldtt", "Nguyễn Thị Hoa")
    _move(complete_draft, S.CLOSED, office_staff)


def test_unknown_transition_is_refused(draft, office_staff):
    with pytest.raises(ValidationError) as excinfo:
        _move(draft, S.DECIDED, office_staff)
    assert excinfo.value.messages == ["Không thể chuyển hồ sơ từ “Đang soạn” sang “Đã có kết quả”."]


def test_allowed_transitions_offer_the_right_buttons(complete_draft, clerk_a, office_staff):
    assert [to for to, _label in services.allowed_transitions(complete_draft, clerk_a)] == [S.SUBMITTED, S.WITHDRAWN]
    assert services.allowed_transitions(complete_draft, office_staff) == []
    _move(complete_draft, S.SUBMITTED, clerk_a)
    assert [to for to, _l in services.allowed_transitions(complete_draft, office_staff)] == [S.RECEIVED, S.RETURNED]


def test_cstd_tinh_counts_ledger_years_and_this_rounds_cstdcs(draft, clerk_a):
    from dossiers.models import AwardType, Person

    cstdcs = AwardType.objects.get(code="cstdcs")
    person = Person.objects.create(full_name="Nguyễn Thị Hoa", date_of_birth=datetime.date(1985, 3, 12), unit=draft.unit)
    AwardRecord.objects.create(year=2023, award=cstdcs, person=person)
    AwardRecord.objects.create(year=2022, award=cstdcs, person=person)
    add_person(clerk_a, draft, cstdcs, initiative_ref="Sáng kiến 05/QĐ-UBND")
    nominee = add_person(clerk_a, draft, AwardType.objects.get(code="cstd-tinh"), initiative_ref="Sáng kiến 05/QĐ-UBND")
    nominee.refresh_from_db()
    assert nominee.person_id == person.pk
    assert "Chưa đủ 03 năm liên tục đạt CSTĐCS (2022–2024)" not in " ".join(nominee.verdict_reasons)
