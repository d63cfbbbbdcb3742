"""What the API answers the provincial TĐKT database (scope read_awards): decisions as signed and the award
ledger, with their query parameters."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from awards.models import Decision
from dossiers.enums import Subject
from dossiers.models import AwardRecord

from .fields import ViBooleanField, ViChoiceField, ViDateField, ViIntegerField, ViSerializer
from .fields import ViCharField as Text
from .serializers import (
    AwardRefSerializer,
    CodeLabelSerializer,
    UnitRefSerializer,
    _code_label,
)

# --- Decisions and the ledger for the provincial database ----------------------------------------

LINE_GROUPS = (
    ("individuals", "ca_nhan", gettext_lazy("Cá nhân")),
    ("collectives", "tap_the", gettext_lazy("Tập thể")),
    ("households", "ho_gia_dinh", gettext_lazy("Hộ gia đình")),
)


class DecisionLineSerializer(serializers.Serializer):
    subject = CodeLabelSerializer(help_text=gettext_lazy("Cá nhân, tập thể hay hộ gia đình."))
    full_name = serializers.CharField(help_text=gettext_lazy("Họ và tên / tên tập thể, như trong văn bản đã ký."))
    position = serializers.CharField(help_text=gettext_lazy("Chức vụ."))
    unit = serializers.CharField(help_text=gettext_lazy("Đơn vị công tác."))
    award = serializers.CharField(help_text=gettext_lazy("Danh hiệu, hình thức."))
    amount = serializers.IntegerField(help_text=gettext_lazy("Tiền thưởng (đồng); 0 với tờ trình."))


class SignerSerializer(serializers.Serializer):
    on_behalf = serializers.CharField(
        help_text=gettext_lazy("“TM. ỦY BAN NHÂN DÂN” khi cấp phó ký thay cho Ủy ban; rỗng nếu không có.")
    )
    signing_line = serializers.CharField(help_text=gettext_lazy("TM. / KT. ..."))
    title = serializers.CharField(help_text=gettext_lazy("Chức danh người ký."))
    name = serializers.CharField(help_text=gettext_lazy("Họ tên người ký."))


class AuthoritySerializer(serializers.Serializer):
    name = serializers.CharField(help_text=gettext_lazy("Cơ quan ban hành."))
    parent_name = serializers.CharField(help_text=gettext_lazy("Cơ quan cấp trên."))
    level = serializers.CharField(help_text=gettext_lazy("Cấp: xa, huyen, tinh."))


class DecisionSerializer(serializers.Serializer):
    """A decision (or upward proposal) as it was signed: read from its frozen content."""

    id = serializers.IntegerField()
    kind = serializers.SerializerMethodField(help_text=gettext_lazy("Quyết định khen thưởng hay tờ trình đề nghị cấp trên."))
    status = serializers.SerializerMethodField(help_text=gettext_lazy("Đã ban hành hay đã thu hồi, hủy bỏ."))
    number = serializers.CharField(help_text=gettext_lazy("Số văn bản."))
    date = serializers.DateField(help_text=gettext_lazy("Ngày ban hành."))
    year = serializers.IntegerField(source="round.year", help_text=gettext_lazy("Năm thi đua của đợt xét."))
    title = serializers.CharField(help_text=gettext_lazy("Trích yếu."))
    award = AwardRefSerializer()
    authority = serializers.SerializerMethodField()
    signer = serializers.SerializerMethodField()
    total_amount = serializers.SerializerMethodField(help_text=gettext_lazy("Tổng tiền thưởng (đồng)."))
    issued_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_reason = serializers.CharField(help_text=gettext_lazy("Lý do thu hồi (nếu đã thu hồi)."))
    pdf_sha256 = serializers.CharField(help_text=gettext_lazy("SHA-256 của tệp PDF đã ban hành."))
    lines = serializers.SerializerMethodField(help_text=gettext_lazy("Danh sách kèm theo."))

    @extend_schema_field(CodeLabelSerializer)
    def get_kind(self, decision) -> dict:
        return _code_label(decision.kind, Decision.Kind.choices)

    @extend_schema_field(CodeLabelSerializer)
    def get_status(self, decision) -> dict:
        return _code_label(decision.status, Decision.Status.choices)

    @extend_schema_field(AuthoritySerializer)
    def get_authority(self, decision) -> dict:
        authority = decision.snapshot.get("authority", {})
        return {key: authority.get(key, "") for key in ("name", "parent_name", "level")}

    @extend_schema_field(SignerSerializer)
    def get_signer(self, decision) -> dict:
        signer = decision.snapshot.get("signer", {})
        return {key: signer.get(key, "") for key in ("on_behalf", "signing_line", "title", "name")}

    def get_total_amount(self, decision) -> int:
        return int(decision.snapshot.get("total_amount", 0))

    @extend_schema_field(DecisionLineSerializer(many=True))
    def get_lines(self, decision) -> list:
        rows = []
        for group, code, label in LINE_GROUPS:
            for line in decision.snapshot.get(group, []):
                rows.append(
                    {
                        "subject": {"code": code, "label": str(label)},
                        "full_name": line.get("full_name", ""),
                        "position": line.get("position", ""),
                        "unit": line.get("unit", ""),
                        "award": line.get("award", ""),
                        "amount": int(line.get("amount", 0)),
                    }
                )
        return rows


class HolderSerializer(serializers.Serializer):
    kind = CodeLabelSerializer(help_text=gettext_lazy("Cá nhân, tập thể, hộ gia đình…"))
    name = serializers.CharField(help_text=gettext_lazy("Họ và tên / tên tập thể."))
    date_of_birth = serializers.DateField(allow_null=True, help_text=gettext_lazy("Ngày sinh (cá nhân)."))
    unit = UnitRefSerializer(allow_null=True, help_text=gettext_lazy("Đơn vị."))


class AwardRecordSerializer(serializers.Serializer):
    """One row of the award ledger: who received which award in which year, under which decision."""

    id = serializers.IntegerField()
    year = serializers.IntegerField(help_text=gettext_lazy("Năm."))
    award = AwardRefSerializer()
    holder = serializers.SerializerMethodField()
    decision_number = serializers.SerializerMethodField(
        help_text=gettext_lazy("Số quyết định; null khi chưa ghi nhận quyết định trên Cổng (ví dụ cấp trên quyết định).")
    )
    decision_date = serializers.DateField(allow_null=True, help_text=gettext_lazy("Ngày quyết định."))
    source = serializers.SerializerMethodField(help_text=gettext_lazy("Quyết định trên Cổng hay nhập từ sổ năm trước."))

    @extend_schema_field(HolderSerializer)
    def get_holder(self, record) -> dict:
        nominee = record.nominee
        if record.person_id:
            subject = Subject.INDIVIDUAL
        elif nominee is not None:
            subject = nominee.subject
        else:
            subject = Subject.COLLECTIVE
        if record.person_id:
            name, born, unit = record.person.full_name, record.person.date_of_birth, record.person.unit
        else:
            name = record.collective_name or (record.collective_unit.name if record.collective_unit_id else "")
            born = None
            unit = record.collective_unit or (nominee.dossier.unit if nominee is not None else None)
        return {
            "kind": _code_label(subject, Subject.choices),
            "name": name,
            "date_of_birth": born.isoformat() if born else None,
            "unit": {"code": unit.code, "name": unit.name} if unit is not None else None,
        }

    def get_decision_number(self, record) -> str | None:
        return record.decision_number or None

    @extend_schema_field(CodeLabelSerializer)
    def get_source(self, record) -> dict:
        return _code_label(record.source, AwardRecord.Source.choices)


# --- Query parameters ----------------------------------------------------------------------------


class DecisionFilterSerializer(ViSerializer):
    year = ViIntegerField(min_value=1900, max_value=9999, required=False, help_text=gettext_lazy("Năm ban hành."))
    issued_from = ViDateField(required=False, help_text=gettext_lazy("Ban hành từ ngày (YYYY-MM-DD)."))
    issued_to = ViDateField(required=False, help_text=gettext_lazy("Ban hành đến ngày (YYYY-MM-DD)."))
    kind = ViChoiceField(choices=Decision.Kind.choices, required=False, help_text=gettext_lazy("Loại văn bản."))

    def validate(self, attrs):
        start, end = attrs.get("issued_from"), attrs.get("issued_to")
        if start and end and start > end:
            raise serializers.ValidationError({"issued_to": _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")})
        return attrs


class AwardFilterSerializer(ViSerializer):
    year = ViIntegerField(min_value=1900, max_value=9999, required=False, help_text=gettext_lazy("Năm của khen thưởng."))
    award = Text(max_length=40, required=False, help_text=gettext_lazy("Mã danh hiệu, hình thức."))
    has_decision = ViBooleanField(
        required=False,
        default=True,
        help_text=gettext_lazy(
            "Mặc định true: chỉ khen thưởng đã có số quyết định; false: chỉ dòng chưa có quyết định "
            "(ví dụ đang đề nghị cấp trên)."
        ),
    )
