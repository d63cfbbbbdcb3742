"""What the API accepts and answers. Input is checked field by field in Vietnamese; a nominee is
checked by the portal's own NomineeForm and an attachment by the portal's own upload check, so the
API accepts exactly what the pages accept."""

import base64
import binascii

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Decision
from core.uploads import check_upload
from dossiers.enums import ComponentType, DecisionLevel, Discipline, DossierStatus, Gender, Subject, TaskRating
from dossiers.fields import FIELDS_BY_SUBJECT
from dossiers.forms import NomineeForm
from dossiers.models import AwardRound, AwardType, Nominee
from units.models import Unit

from .fields import ViBooleanField, ViChoiceField, ViDateField, ViIntegerField, ViRegexField, ViSerializer
from .fields import ViCharField as Text
from .services import IncomingAttachment

# The client's own reference travels in URLs: letters, digits and . _ : - only.
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
RECEIPT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$"
MAX_NOMINEES = 2000  # as many as the Excel import takes
MAX_ATTACHMENTS = 100
COUNT_LIMIT = 1_000_000


def _code_label(value, choices) -> dict | None:
    if not value:
        return None
    return {"code": value, "label": str(dict(choices).get(value, value))}


# --- Output building blocks ----------------------------------------------------------------------


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("Mã (không dấu, không đổi)."))
    label = serializers.CharField(help_text=gettext_lazy("Tên tiếng Việt."))


class UnitRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("Mã đơn vị."))
    name = serializers.CharField(help_text=gettext_lazy("Tên đơn vị."))


class AwardRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("Mã danh hiệu, hình thức."))
    name = serializers.CharField(help_text=gettext_lazy("Tên danh hiệu, hình thức."))


class RoundRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField(help_text=gettext_lazy("Năm thi đua."))


class DecisionRefSerializer(serializers.Serializer):
    number = serializers.CharField(help_text=gettext_lazy("Số quyết định, ví dụ 01/QĐ-UBND."))
    date = serializers.DateField(help_text=gettext_lazy("Ngày ban hành."))
    status = CodeLabelSerializer()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=gettext_lazy("Lý do, bằng tiếng Việt."))


# --- Dossier status ------------------------------------------------------------------------------


class NomineeStatusSerializer(serializers.Serializer):
    """A nominee as the receipt holder needs it: name, award and, once decided, the result."""

    full_name = serializers.CharField(help_text=gettext_lazy("Họ và tên / tên tập thể."))
    subject = serializers.SerializerMethodField(help_text=gettext_lazy("Đối tượng."))
    award = AwardRefSerializer(help_text=gettext_lazy("Danh hiệu, hình thức đề nghị."))
    outcome = serializers.SerializerMethodField(help_text=gettext_lazy("Kết quả xét; null khi hồ sơ chưa có kết quả."))
    outcome_reason = serializers.SerializerMethodField(help_text=gettext_lazy("Lý do không được khen (nếu có)."))
    decision = serializers.SerializerMethodField(help_text=gettext_lazy("Quyết định khen thưởng đã ban hành (nếu có)."))

    def _decided(self, nominee) -> bool:
        return self.context["dossier_decided"]

    @extend_schema_field(CodeLabelSerializer)
    def get_subject(self, nominee) -> dict:
        return _code_label(nominee.subject, Subject.choices)

    @extend_schema_field(CodeLabelSerializer(allow_null=True))
    def get_outcome(self, nominee):
        return _code_label(nominee.outcome, Nominee._meta.get_field("outcome").choices) if self._decided(nominee) else None

    def get_outcome_reason(self, nominee) -> str:
        return nominee.outcome_reason if self._decided(nominee) else ""

    @extend_schema_field(DecisionRefSerializer(allow_null=True))
    def get_decision(self, nominee):
        line = getattr(nominee, "decision_line", None) if self._decided(nominee) else None
        decision = line.decision if line is not None else None
        if decision is None or decision.kind != Decision.Kind.DECISION or decision.status == Decision.Status.DRAFT:
            return None
        return {
            "number": decision.number,
            "date": decision.date,
            "status": _code_label(decision.status, Decision.Status.choices),
        }


class DossierStatusSerializer(serializers.Serializer):
    """Tình trạng hồ sơ: what a unit (or a citizen through the public-service portal) looks up."""

    receipt_number = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy("Số tiếp nhận; có khi cơ quan thường trực tiếp nhận hồ sơ (null trước đó)."),
    )
    external_reference = serializers.SerializerMethodField(
        help_text=gettext_lazy("Mã hồ sơ bên gửi (chỉ trả cho chính hệ thống đã gửi).")
    )
    title = serializers.CharField(help_text=gettext_lazy("Trích yếu."))
    unit = UnitRefSerializer(help_text=gettext_lazy("Đơn vị đề nghị."))
    award_round = RoundRefSerializer(source="round", help_text=gettext_lazy("Đợt xét."))
    status = serializers.SerializerMethodField(help_text=gettext_lazy("Trạng thái hiện tại."))
    submitted_at = serializers.DateTimeField(allow_null=True, help_text=gettext_lazy("Gửi lúc."))
    received_at = serializers.DateTimeField(allow_null=True, help_text=gettext_lazy("Tiếp nhận lúc."))
    due_date = serializers.DateField(allow_null=True, help_text=gettext_lazy("Ngày hẹn trả kết quả."))
    return_reason = serializers.SerializerMethodField(
        help_text=gettext_lazy("Nội dung yêu cầu bổ sung, khi hồ sơ đang ở trạng thái yêu cầu bổ sung.")
    )
    nominees = serializers.SerializerMethodField(help_text=gettext_lazy("Người, tập thể được đề nghị."))

    def get_external_reference(self, dossier) -> str | None:
        submission = getattr(dossier, "api_submission", None)
        client = self.context.get("client")
        if submission is None or client is None or submission.client_id != client.pk:
            return None
        return submission.external_reference

    @extend_schema_field(CodeLabelSerializer)
    def get_status(self, dossier) -> dict:
        return _code_label(dossier.status, DossierStatus.choices)

    def get_return_reason(self, dossier) -> str:
        return dossier.return_reason if dossier.status == DossierStatus.RETURNED else ""

    @extend_schema_field(NomineeStatusSerializer(many=True))
    def get_nominees(self, dossier) -> list:
        decided = dossier.status in (DossierStatus.DECIDED, DossierStatus.CLOSED)
        return NomineeStatusSerializer(dossier.nominees.all(), many=True, context={"dossier_decided": decided}).data


# --- Dossier submission --------------------------------------------------------------------------


def _is_empty(value, default) -> bool:
    return value in (None, "", False) or value == default


class NomineeInSerializer(ViSerializer):
    subject = ViChoiceField(choices=Subject.choices, help_text=gettext_lazy("Đối tượng."))
    award = Text(max_length=40, help_text=gettext_lazy("Mã danh hiệu, hình thức đề nghị (GET /api/v1/award-types/)."))
    full_name = Text(max_length=255, help_text=gettext_lazy("Họ và tên / tên tập thể / họ tên chủ hộ."))
    gender = ViChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    date_of_birth = ViDateField(required=False, allow_null=True, help_text=gettext_lazy("Ngày sinh, dạng YYYY-MM-DD."))
    ethnic_minority = ViBooleanField(required=False, help_text=gettext_lazy("Người dân tộc thiểu số."))
    position = Text(max_length=200, required=False, allow_blank=True, help_text=gettext_lazy("Chức vụ."))
    work_unit = Text(max_length=255, required=False, allow_blank=True, help_text=gettext_lazy("Đơn vị công tác."))
    worker_category = ViChoiceField(choices=Nominee.WorkerCategory.choices, required=False)
    months_worked = ViIntegerField(
        min_value=0, max_value=12, required=False, allow_null=True, help_text=gettext_lazy("Số tháng công tác trong năm.")
    )
    discipline = ViChoiceField(choices=Discipline.choices, required=False, help_text=gettext_lazy("Kỷ luật trong năm."))
    task_rating = ViChoiceField(
        choices=TaskRating.choices, required=False, allow_blank=True, help_text=gettext_lazy("Xếp loại nhiệm vụ.")
    )
    initiative_ref = Text(max_length=255, required=False, allow_blank=True, help_text=gettext_lazy("Sáng kiến được công nhận."))
    member_count = ViIntegerField(min_value=0, max_value=COUNT_LIMIT, required=False, allow_null=True)
    members_completing = ViIntegerField(min_value=0, max_value=COUNT_LIMIT, required=False, allow_null=True)
    ldtt_count = ViIntegerField(min_value=0, max_value=COUNT_LIMIT, required=False, allow_null=True)
    cstdcs_count = ViIntegerField(min_value=0, max_value=COUNT_LIMIT, required=False, allow_null=True)
    disciplined_members = ViIntegerField(min_value=0, max_value=COUNT_LIMIT, required=False, allow_null=True)
    achievement = Text(max_length=20000, required=False, allow_blank=True, help_text=gettext_lazy("Tóm tắt thành tích."))

    def validate(self, attrs):
        subject = attrs["subject"]
        subject_label = Subject(subject).label
        award = AwardType.objects.filter(code=attrs["award"], is_active=True, subject=subject).first()
        if award is None:
            raise serializers.ValidationError(
                {
                    "award": _("Không có danh hiệu, hình thức mã “%(code)s” dành cho đối tượng “%(subject)s”.")
                    % {"code": attrs["award"], "subject": subject_label}
                }
            )
        keep = FIELDS_BY_SUBJECT[subject]
        foreign = {}
        for name, value in attrs.items():
            if name in ("subject", "award") or name in keep:
                continue
            if not _is_empty(value, Nominee._meta.get_field(name).get_default()):
                foreign[name] = [_("Trường này không dùng cho đối tượng “%(subject)s”.") % {"subject": subject_label}]
        if foreign:
            raise serializers.ValidationError(foreign)
        # The very form of the portal's page, filled as the page fills it (model defaults where absent).
        data = {"version": 0}
        for name in keep:
            value = award.pk if name == "award" else attrs.get(name, Nominee._meta.get_field(name).get_default())
            data[name] = "" if value is None else value
        form = NomineeForm(data=data, subject=subject, dossier_version=0)
        if not form.is_valid():
            raise serializers.ValidationError(
                {("non_field_errors" if name == "__all__" else name): errors for name, errors in form.errors.items()}
            )
        row = {name: value for name, value in form.cleaned_data.items() if name not in ("version", "once")}
        row["subject"] = subject
        return row


class AttachmentInSerializer(ViSerializer):
    component = ViChoiceField(choices=ComponentType.choices, help_text=gettext_lazy("Thành phần hồ sơ."))
    file_name = Text(max_length=200, help_text=gettext_lazy("Tên tệp, có phần mở rộng (.pdf, .docx, .xlsx, .jpg, .png)."))
    content_base64 = Text(trim_whitespace=False, help_text=gettext_lazy("Nội dung tệp, mã hóa base64."))
    nominee_index = ViIntegerField(
        min_value=0,
        max_value=MAX_NOMINEES,
        required=False,
        allow_null=True,
        help_text=gettext_lazy(
            "Tệp của riêng một người, tập thể: vị trí (từ 0) trong danh sách nominees; bỏ trống nếu của cả hồ sơ."
        ),
    )

    def validate(self, attrs):
        try:
            content = base64.b64decode(attrs["content_base64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError({"content_base64": _("Nội dung tệp không phải base64 hợp lệ.")}) from exc
        upload = SimpleUploadedFile(attrs["file_name"], content)
        try:
            check_upload(upload)  # the portal's own check: by content, by size
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"content_base64": exc.messages}) from exc
        return IncomingAttachment(component=attrs["component"], upload=upload, nominee_index=attrs.get("nominee_index"))


class DossierSubmitSerializer(ViSerializer):
    """Một hồ sơ điện tử từ Cổng dịch vụ công: lập, kèm danh sách và tệp, rồi gửi — tất cả hoặc không gì."""

    external_reference = ViRegexField(
        REFERENCE_PATTERN,
        max_length=64,
        help_text=gettext_lazy(
            "Mã hồ sơ bên gửi (ví dụ mã hồ sơ trên Cổng dịch vụ công): gửi lại cùng mã, cùng nội dung không tạo hồ sơ "
            "thứ hai mà trả lại hồ sơ đã nhận. Chỉ gồm chữ, số và . _ : -"
        ),
    )
    unit = Text(max_length=40, help_text=gettext_lazy("Mã đơn vị đề nghị."))
    award_round = ViIntegerField(min_value=1, max_value=2**31 - 1, help_text=gettext_lazy("Mã đợt xét (GET /api/v1/rounds/)."))
    title = Text(max_length=255, help_text=gettext_lazy("Trích yếu, ví dụ “Đề nghị khen thưởng tổng kết năm 2024”."))
    nominees = NomineeInSerializer(many=True, allow_empty=False, max_length=MAX_NOMINEES)
    attachments = AttachmentInSerializer(many=True, required=False, max_length=MAX_ATTACHMENTS)

    def validate_unit(self, code):  # the service account's authority (#13): another's units and rounds are unknown
        unit = Unit.objects.active().filter(code=code, authority_id=self.context["authority_id"]).first()
        if unit is None:
            raise serializers.ValidationError(_("Không có đơn vị đang hoạt động mã “%(code)s”.") % {"code": code})
        return unit

    def validate_award_round(self, pk):
        award_round = AwardRound.objects.filter(pk=pk, authority_id=self.context["authority_id"]).first()
        if award_round is None:
            raise serializers.ValidationError(_("Không có đợt xét mã %(pk)s.") % {"pk": pk})
        if not award_round.is_open:
            raise serializers.ValidationError(_("Đợt xét này đã ngừng nhận hồ sơ."))
        return award_round

    def validate(self, attrs):
        count = len(attrs["nominees"])
        errors = {}
        for index, incoming in enumerate(attrs.get("attachments", [])):
            if incoming.nominee_index is not None and incoming.nominee_index >= count:
                message = _("Không có người, tập thể ở vị trí %(i)s (danh sách có %(n)s, đếm từ 0).") % {
                    "i": incoming.nominee_index,
                    "n": count,
                }
                errors[str(index)] = {"nominee_index": [message]}
        if errors:
            raise serializers.ValidationError({"attachments": errors})
        return attrs


# --- Catalogue for the sender --------------------------------------------------------------------


class RoundSerializer(serializers.ModelSerializer):
    commendation_kind = serializers.SerializerMethodField(help_text=gettext_lazy("Loại hình khen thưởng."))

    class Meta:
        model = AwardRound
        fields = ["id", "name", "year", "commendation_kind", "submission_deadline", "ceremony_date"]

    @extend_schema_field(CodeLabelSerializer)
    def get_commendation_kind(self, award_round) -> dict:
        return _code_label(award_round.commendation_kind, AwardRound._meta.get_field("commendation_kind").choices)


class AwardTypeSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField(help_text=gettext_lazy("Đối tượng được đề nghị."))
    kind = serializers.SerializerMethodField(help_text=gettext_lazy("Danh hiệu thi đua hay hình thức khen thưởng."))
    decided_by = serializers.SerializerMethodField(help_text=gettext_lazy("Các cấp có thẩm quyền quyết định hôm nay."))
    decision_level = serializers.SerializerMethodField(help_text=gettext_lazy("Không dùng nữa: cấp cao nhất trong decided_by."))

    class Meta:
        model = AwardType
        fields = ["code", "name", "short_name", "kind", "subject", "decided_by", "decision_level"]

    @extend_schema_field(CodeLabelSerializer)
    def get_subject(self, award) -> dict:
        return _code_label(award.subject, AwardType._meta.get_field("subject").choices)

    @extend_schema_field(CodeLabelSerializer)
    def get_kind(self, award) -> dict:
        return _code_label(award.kind, AwardType._meta.get_field("kind").choices)

    @extend_schema_field(CodeLabelSerializer(many=True))
    def get_decided_by(self, award) -> list[dict]:
        return [_code_label(level, DecisionLevel.choices) for level in award.levels_on()]

    @extend_schema_field(CodeLabelSerializer(allow_null=True))
    def get_decision_level(self, award) -> dict | None:  # the field before #13, kept: LĐTT stays "huyen"
        levels = award.levels_on()
        return _code_label(levels[-1], DecisionLevel.choices) if levels else None
