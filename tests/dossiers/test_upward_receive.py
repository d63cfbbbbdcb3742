"""A Tờ trình received from below (#13, dossiers.services.upward): its nominees and their files are copied in
a fixed number of queries, however many there are, and each copy is what Nominee.save would have made."""

import datetime
import math

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers.enums import DossierStatus, Outcome, Subject
from dossiers.models import Attachment, AwardRound, AwardType, Dossier, Nominee
from dossiers.services.upward import upward_dossier_receive
from units.enums import UnitKind

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 7, 9, 0)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def sending(commune_x, province):
    """Phong Thổ proposes as its unit in the province; the province's round of the year is open."""
    commune = commune_x.authority
    commune.proposing_unit = UnitFactory(authority=province, name="UBND xã Phong Thổ", code="ubnd-pt", kind=UnitKind.COMMUNE)
    commune.save()
    kind = {"year": 2026, "commendation_kind": "thuong_xuyen"}
    AwardRound.objects.create(authority=province, name="Tổng kết năm 2026 (tỉnh)", **kind)
    award_round = AwardRound.objects.create(authority=commune, name="Tổng kết năm 2026", **kind)
    return commune_x, award_round


def _commune_nominees(place, award_round, count: int) -> list[Nominee]:
    dossier = Dossier.objects.create(
        unit=place.unit,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title=f"Đề nghị khen thưởng {count} người",
        created_by=place.clerk,
        status=DossierStatus.DECIDED,
    )
    award = AwardType.objects.get(code="cstd-tinh")
    nominees = Nominee.objects.bulk_create(
        Nominee(
            dossier=dossier,
            subject=Subject.INDIVIDUAL,
            award=award,
            full_name=f"Lò Văn Thành {i}",
            date_of_birth=datetime.date(1980, 1, 1) + datetime.timedelta(days=i),
            outcome=Outcome.APPROVED,
            sort_order=i,
        )
        for i in range(count)
    )
    for nominee in nominees:
        report = Attachment(dossier=dossier, nominee=nominee, component="bao_cao_thanh_tich", uploaded_by=place.clerk)
        report.original_name, report.content_type, report.size, report.sha256 = "bao-cao.pdf", "application/pdf", len(PDF), "x"
        report.file.save("bao-cao.pdf", ContentFile(PDF), save=True)
    return nominees


def _receive(place, nominees) -> tuple[Dossier, int]:
    with CaptureQueriesContext(connection) as queries:
        dossier = upward_dossier_receive(
            by=place.office,
            authority=place.authority,
            year=2026,
            commendation_kind="thuong_xuyen",
            title=f"Tờ trình của UBND xã Phong Thổ ({len(nominees)} người)",
            nominees=nominees,
            proposal_pdf=SimpleUploadedFile("to-trinh.pdf", PDF, content_type="application/pdf"),
        )
    return dossier, len(queries.captured_queries)


def _inserts(count: int) -> int:
    """The INSERTs the database driver needs for `count` nominees: one on PostgreSQL; on SQLite Django sends
    at most 999 values a statement (about 28 nominees), so 50 take two. The only growth allowed."""
    fields = [f for f in Nominee._meta.concrete_fields if not f.primary_key]
    return math.ceil(count / max(1, connection.ops.bulk_batch_size(fields, [None] * count)))


def test_receiving_takes_the_same_queries_for_5_and_50_nominees(sending):
    place, award_round = sending
    _receive(place, _commune_nominees(place, award_round, 1))  # first use fills Django's caches (content types)
    small, small_count = _receive(place, _commune_nominees(place, award_round, 5))
    large, large_count = _receive(place, _commune_nominees(place, award_round, 50))
    assert (small.nominees.count(), large.nominees.count()) == (5, 50)
    assert large.attachments.filter(nominee__isnull=False).count() == 50
    assert large_count - _inserts(50) == small_count - _inserts(5), (small_count, large_count)
    assert small_count <= 40


def test_each_copy_is_what_saving_it_would_have_made(sending):
    place, award_round = sending
    sources = _commune_nominees(place, award_round, 3)
    Nominee.objects.filter(pk=sources[1].pk).update(full_name="  Lò   Thị Mai  ")  # typed before names were cleaned
    sources[1].refresh_from_db()
    dossier, _count = _receive(place, sources)
    copies = list(dossier.nominees.order_by("sort_order"))
    assert [c.proposed_from_id for c in copies] == [s.pk for s in sources]
    assert [c.sort_order for c in copies] == [0, 1, 2]
    assert copies[1].full_name == "Lò Thị Mai" and copies[1].search_name == "lo thi mai"
    assert copies[0].search_name == "lo van thanh 0"
    assert all(c.outcome == "" and c.verdict != "" for c in copies)  # the province checks and votes again
    files = dossier.attachments.filter(nominee=copies[2])
    assert [(f.original_name, f.file.read()) for f in files] == [("bao-cao.pdf", PDF)]
    assert files[0].uploaded_at is not None and files[0].file.name.startswith(f"dossiers/{dossier.pk}/")
