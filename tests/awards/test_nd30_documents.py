"""What an issued decision, Tờ trình or certificate says, built from the authority's and the catalogue's data (#14):
no parent line above a People's Committee, the signature block of whoever decides, "Căn cứ" lines as data in force
on the date, Điều 3 and the trích yếu without abbreviations, "Số vào sổ", the QR code on the configured address."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from awards import decisions, documents_data, printing
from documents.models import LegalBasis
from documents.render import render_pdf
from documents.selectors import legal_bases
from dossiers.models import AwardType, Nominee, Regime
from units.models import Authority

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 1, 15)  # after the fixture's ballot, in the year after the round's (2024)


def _text(pdf: bytes, *, layout: bool = True) -> str:
    """The PDF's text; without layout, poppler reads each block apart (the signature column after "Nơi nhận")."""
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()
    return " ".join(out.split())


def _issue(decided, office_staff, *, code="ldtt", signer="tm", proposal_ref="Tờ trình số 12/TTr-NV ngày 10/01/2025"):
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    decision = next(d for d in drafts if d.award.code == code)
    return decisions.decision_issue(by=office_staff, decision=decision, date=DAY, signer=signer, proposal_ref=proposal_ref)


def test_a_peoples_committee_prints_no_parent_line_whatever_its_data(decided, office_staff):
    assert Authority.root().parent_name == "UBND THÀNH PHỐ HÀ NỘI"  # set by the fixture past clean()
    decision = _issue(decided, office_staff)
    assert decision.snapshot["authority"]["parent_name"] == ""
    assert "HÀ NỘI" not in _text(decision.pdf.read()).split("Số:")[0]


def test_only_a_body_under_a_committee_keeps_its_parent_line():
    with pytest.raises(ValidationError) as refused:
        Authority(name="ỦY BAN NHÂN DÂN XÃ PHONG THỔ", parent_name="UBND TỈNH LAI CHÂU").clean()
    assert "parent_name" in refused.value.message_dict
    office = Authority(name="SỞ NỘI VỤ", parent_name="UBND TỈNH LAI CHÂU")
    office.clean()
    assert office.document_header()["parent_name"] == "UBND TỈNH LAI CHÂU"


def test_the_catalogue_says_who_confers_each_award():
    assert AwardType.objects.get(code="co-thi-dua-tinh").by_committee
    assert not AwardType.objects.get(code="gk-huyen-ca-nhan").by_committee
    assert not AwardType.objects.get(code="ldtt").by_committee


@pytest.mark.parametrize(
    ("signer", "block"),
    [
        ("tm", {"signing_line": "", "title": "CHỦ TỊCH", "name": "Bùi Văn Hải"}),
        ("kt", {"signing_line": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": ""}),
    ],
)
def test_an_award_of_the_chairman_signs_in_his_name(decided, office_staff, signer, block):
    decision = _issue(decided, office_staff, signer=signer)
    assert decision.snapshot["signer"] == block
    assert decision.snapshot["issuer_title"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH OAI"
    assert "TM. ỦY BAN NHÂN DÂN" not in _text(decision.pdf.read())


def test_an_award_of_the_committee_signs_for_the_committee(decided, office_staff):
    AwardType.objects.filter(code="ldtt").update(conferred_by="uy_ban")
    Authority.objects.filter(pk=Authority.root().pk).update(deputy_name="Đặng Thị Thu")
    decision = _issue(decided, office_staff, signer="kt")
    signer = decision.snapshot["signer"]
    lines = [signer["on_behalf"], signer["signing_line"], signer["title"]]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert decision.snapshot["issuer_title"] == "ỦY BAN NHÂN DÂN HUYỆN THANH OAI"
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đặng Thị Thu" in _text(decision.pdf.read(), layout=False)


def test_a_proposal_is_the_committees(decided, office_staff):
    proposal = _issue(decided, office_staff, code="cstd-tinh")
    assert proposal.snapshot["signer"]["signing_line"] == "TM. ỦY BAN NHÂN DÂN"
    assert proposal.snapshot["to"] == ["Chủ tịch Ủy ban nhân dân thành phố Hà Nội"]
    assert "UBND" not in proposal.snapshot["title"] + " ".join(proposal.snapshot["paragraphs"])


def test_who_usually_signs_is_the_authoritys(decided, office_staff):
    Authority.objects.filter(pk=Authority.root().pk).update(usual_signer="kt")
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    assert {d.signer for d in drafts} == {"kt"}


def test_title_and_article_3_are_unabbreviated(decided, office_staff):
    Nominee.objects.filter(dossier=decided, award__code="ldtt").update(award=AwardType.objects.get(code="gk-huyen-ca-nhan"))
    decision = _issue(decided, office_staff, code="gk-huyen-ca-nhan")
    snap = decision.snapshot
    assert snap["title"] == "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện"
    article = snap["articles"][2]
    assert article.startswith(
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện "
        "Thanh Oai, Trưởng phòng Nội vụ, thủ trưởng các cơ quan"
    )
    for abbreviation in ("UBND", "HĐND", "TĐKT"):
        assert abbreviation not in snap["title"] + " ".join(snap["articles"]) + snap["annex_title"]
    assert "GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN" in snap["annex_title"]


def test_article_3_follows_the_authoritys_data_and_level():
    commune = Authority(level="xa", short_name="UBND xã Phong Thổ", standing_office_name="Văn phòng HĐND và UBND xã Phong Thổ")
    assert documents_data.executors(commune) == ["Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Phong Thổ"]
    province = Authority(level="tinh", short_name="UBND tỉnh Lai Châu", standing_office_name="Sở Nội vụ")
    assert documents_data.executors(province) == ["Chánh Văn phòng Ủy ban nhân dân tỉnh Lai Châu", "Giám đốc Sở Nội vụ"]
    province.decision_executors = "Giám đốc Sở Tài chính\nChủ tịch UBND các xã, phường"
    assert documents_data.executors(province) == ["Giám đốc Sở Tài chính", "Chủ tịch Ủy ban nhân dân các xã, phường"]


def test_legal_bases_are_the_lines_in_force_for_the_authority_and_its_kind(province, commune_x, commune_y):
    regime = Regime.for_date(datetime.date(2026, 1, 15)).legal_basis.splitlines()
    own = LegalBasis.objects.create(authority=province, text="Căn cứ Quy định công tác thi đua, khen thưởng của tỉnh;", order=70)
    LegalBasis.objects.create(authority=commune_y.authority, text="Căn cứ Nghị quyết của xã Y;", order=70)
    LegalBasis.objects.create(text="Căn cứ Kế hoạch chỉ dùng cho tờ trình;", kind="to_trinh", order=80)
    values = {"proposal_ref": "Tờ trình số 03/TTr-VP ngày 10/01/2026", "office_head": "Chánh Văn phòng"}
    lines = legal_bases(
        authority=commune_x.authority, on=datetime.date(2026, 1, 15), kind="quyet_dinh", regime_lines=regime, values=values
    )
    assert lines == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        *[line for line in regime if line.strip()],
        own.text,
        "Xét đề nghị của Chánh Văn phòng tại Tờ trình số 03/TTr-VP ngày 10/01/2026.",
    ]
    before = legal_bases(
        authority=commune_x.authority, on=datetime.date(2025, 3, 1), kind="quyet_dinh", regime_lines=[], values={}
    )
    assert before[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert not any("Xét đề nghị" in line for line in before)  # no proposal named: the line is left out


def test_the_regimes_own_local_government_line_is_not_repeated(decided, office_staff):
    bases = _issue(decided, office_staff).snapshot["legal_bases"]
    assert sum("Luật Tổ chức chính quyền địa phương" in line for line in bases) == 1
    assert bases[-1] == "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 12/TTr-NV ngày 10/01/2025."


@override_settings(SITE_URL="http://127.0.0.1:8123")
def test_certificates_show_their_register_number_and_a_qr_code_of_the_site(decided, office_staff):
    decision = _issue(decided, office_staff)
    context = documents_data.certificate_dicts(decision, verify_url=printing.verify_url)[0]
    assert context["verify_url"].startswith("http://127.0.0.1:8123/")
    number = decision.snapshot["certificates"][0]["register_number"]
    text = _text(render_pdf("documents/certificate.html", context))
    assert f"Số vào sổ: {number}" in text
    assert "http://127.0.0.1:8123/" in text


def test_the_administrator_edits_the_legal_bases_and_who_confers_an_award(admin_client):
    row = LegalBasis.objects.get(text__startswith="Xét đề nghị")
    assert admin_client.get(reverse("admin:documents_legalbasis_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:documents_legalbasis_change", args=[row.pk])).content.decode()
    assert "{office_head}" in page and "{proposal_ref}" in page
    award = AwardType.objects.get(code="co-thi-dua-tinh")
    page = admin_client.get(reverse("admin:dossiers_awardtype_change", args=[award.pk])).content.decode()
    assert 'value="uy_ban" selected' in page
