import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers import services
from dossiers.enums import CommendationKind, ComponentType, Subject, TaskRating
from dossiers.models import AwardRound, AwardType

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="to-trinh.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(
        name="Tổng kết năm 2024",
        year=2024,
        commendation_kind=CommendationKind.REGULAR,
        # Open on any day the suite runs: the deadline and ceremony follow the clock, never a fixed year.
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )


@pytest.fixture
def ldtt(db):
    return AwardType.objects.get(code="ldtt")


@pytest.fixture
def draft(clerk_a, unit_a, award_round):
    return services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị khen thưởng năm 2024")


def add_person(clerk, dossier, award, **overrides):
    data = dict(
        subject=Subject.INDIVIDUAL,
        award=award,
        full_name="Nguyễn Thị Hoa",
        gender="nu",
        date_of_birth=datetime.date(1985, 3, 12),
        months_worked=12,
        task_rating=TaskRating.GOOD,
    )
    data.update(overrides)
    dossier.refresh_from_db()
    return services.nominee_save(by=clerk, dossier=dossier, expected_version=dossier.version, **data)


@pytest.fixture
def complete_draft(draft, clerk_a, ldtt):
    """A draft with one LĐTT nominee and the documents the regular round requires."""
    add_person(clerk_a, draft, ldtt)
    services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.MINUTES, upload=pdf("bien-ban.pdf"))
    draft.refresh_from_db()
    return draft
