"""The endpoints of /api/v1/. Thin: parse, call a selector or a service, answer."""

import hashlib
import json
import re

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.models import Dossier

from . import selectors, services
from .models import Scope
from .pagination import PagePagination
from .record_serializers import AwardFilterSerializer, AwardRecordSerializer, DecisionFilterSerializer, DecisionSerializer
from .serializers import (
    RECEIPT_PATTERN,
    REFERENCE_PATTERN,
    AwardTypeSerializer,
    DossierStatusSerializer,
    DossierSubmitSerializer,
    ErrorSerializer,
    RoundSerializer,
)

_ERROR = ErrorSerializer
COMMON_ERRORS = {
    401: OpenApiResponse(_ERROR, description=gettext_lazy("Thiếu khóa, khóa sai hoặc đã bị thu hồi.")),
    403: OpenApiResponse(
        _ERROR, description=gettext_lazy("Hệ thống không được cấp phạm vi này, hoặc tài khoản dịch vụ không có quyền.")
    ),
    429: OpenApiResponse(_ERROR, description=gettext_lazy("Gọi quá nhiều yêu cầu; thử lại sau số giây ở tiêu đề Retry-After.")),
}
INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=gettext_lazy("Dữ liệu không hợp lệ: {tên trường: [thông báo tiếng Việt]}; không có gì được lưu."),
)
NOT_FOUND = OpenApiResponse(_ERROR, description=gettext_lazy("Không tìm thấy (hoặc hệ thống không được xem)."))


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("Không có địa chỉ này trong API (các địa chỉ đều kết thúc bằng “/”).")}, status=404)


def _request_hash(data) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _parse_filters(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Dossiers ------------------------------------------------------------------------------------


class DossierSubmitView(APIView):
    required_scope = Scope.SUBMIT_DOSSIERS

    @extend_schema(
        operation_id="dossier_submit",
        tags=["Hồ sơ"],
        summary=gettext_lazy("Nhận một hồ sơ điện tử (từ Cổng dịch vụ công)"),
        description=gettext_lazy(
            "Lập hồ sơ cho đơn vị, thêm người, tập thể được đề nghị và tệp đính kèm, rồi gửi hồ sơ — trong một giao "
            "dịch: lỗi ở bất kỳ đâu thì không có gì được lưu. Kiểm tra như trên trang của Cổng (cùng biểu mẫu, cùng "
            "kiểm tra tệp theo nội dung, cùng quyền: tài khoản dịch vụ phải là cán bộ phụ trách TĐKT của đơn vị). "
            "Gửi lại cùng external_reference với cùng nội dung trả lại đúng hồ sơ đã nhận (tiêu đề "
            "Idempotent-Replayed: true), không tạo hồ sơ thứ hai; cùng mã mà khác nội dung thì bị từ chối (409). "
            "Số tiếp nhận có khi cơ quan thường trực tiếp nhận hồ sơ: tra bằng GET /api/v1/dossiers/reference/{mã}/."
        ),
        request=DossierSubmitSerializer,
        responses={
            201: DossierStatusSerializer,
            400: INVALID,
            **COMMON_ERRORS,
            404: NOT_FOUND,
            409: OpenApiResponse(_ERROR, description=gettext_lazy("Mã hồ sơ bên gửi đã dùng cho nội dung khác.")),
            413: OpenApiResponse(_ERROR, description=gettext_lazy("Nội dung gửi lên quá lớn.")),
        },
        examples=[
            OpenApiExample(
                "Hồ sơ một cá nhân",
                request_only=True,
                value={
                    "external_reference": "H10.25-250115-0001",
                    "unit": "xa-cu-khe",
                    "award_round": 1,
                    "title": "Đề nghị khen thưởng tổng kết năm 2024",
                    "nominees": [
                        {
                            "subject": "ca_nhan",
                            "award": "ldtt",
                            "full_name": "Nguyễn Thị Hoa",
                            "gender": "nu",
                            "date_of_birth": "1985-03-12",
                            "months_worked": 12,
                            "task_rating": "tot",
                        }
                    ],
                    "attachments": [{"component": "to_trinh", "file_name": "to-trinh.pdf", "content_base64": "JVBERi0xLjQK"}],
                },
            )
        ],
    )
    def post(self, request, *args, **kwargs):
        replay = self._replay(request)
        if replay is not None:
            return replay
        serializer = DossierSubmitSerializer(data=request.data, context={"authority_id": request.user.acting_authority_id})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission, created = services.dossier_receive(
            client=request.auth,
            by=request.user,
            external_reference=data["external_reference"],
            request_hash=_request_hash(request.data),
            unit=data["unit"],
            award_round=data["award_round"],
            title=data["title"],
            nominees=data["nominees"],
            attachments=data.get("attachments", []),
        )
        return self._answer(request, submission.external_reference, replayed=not created)

    def _replay(self, request):
        """A retried POST is answered from the first one before anything else is checked."""
        reference = request.data.get("external_reference") if isinstance(request.data, dict) else None
        if not isinstance(reference, str) or not re.match(REFERENCE_PATTERN, reference):
            return None
        found = services.submission_find(
            client=request.auth, external_reference=reference, request_hash=_request_hash(request.data)
        )
        return self._answer(request, reference, replayed=True) if found is not None else None

    def _answer(self, request, reference: str, *, replayed: bool):
        try:
            dossier = selectors.dossier_by_reference(viewer=request.user, client=request.auth, external_reference=reference)
        except Dossier.DoesNotExist as exc:
            raise exceptions.NotFound(_("Hồ sơ đã nhận với mã này không còn xem được.")) from exc
        body = DossierStatusSerializer(dossier, context={"client": request.auth}).data
        headers = {
            "Location": reverse("api:dossier-reference", args=[reference]),
            "Idempotent-Replayed": "true" if replayed else "false",
        }
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)


class DossierStatusView(APIView):
    required_scope = Scope.READ_STATUS

    @extend_schema(
        operation_id="dossier_status",
        tags=["Hồ sơ"],
        summary=gettext_lazy("Tình trạng hồ sơ theo số tiếp nhận"),
        parameters=[
            OpenApiParameter(
                "receipt_number",
                str,
                OpenApiParameter.PATH,
                description=gettext_lazy("Số tiếp nhận, ví dụ 2025-00001."),
                pattern=RECEIPT_PATTERN,
            )
        ],
        description=gettext_lazy(
            "Trạng thái, ngày tiếp nhận, ngày hẹn trả kết quả và — khi đã có kết quả — kết quả của từng người, tập thể. "
            "Chỉ hồ sơ mà tài khoản dịch vụ được xem (cùng quy tắc như trên Cổng); hồ sơ khác trả 404."
        ),
        responses={200: DossierStatusSerializer, **COMMON_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, receipt_number: str, *args, **kwargs):
        try:
            dossier = selectors.dossier_by_receipt(viewer=request.user, receipt_number=receipt_number)
        except Dossier.DoesNotExist as exc:
            raise exceptions.NotFound(_("Không tìm thấy hồ sơ có số tiếp nhận này.")) from exc
        return Response(DossierStatusSerializer(dossier, context={"client": request.auth}).data)


class DossierByReferenceView(APIView):
    required_scope = Scope.READ_STATUS

    @extend_schema(
        operation_id="dossier_by_reference",
        tags=["Hồ sơ"],
        summary=gettext_lazy("Tình trạng hồ sơ theo mã hồ sơ bên gửi"),
        parameters=[
            OpenApiParameter(
                "external_reference",
                str,
                OpenApiParameter.PATH,
                description=gettext_lazy("Mã hồ sơ bên gửi (external_reference khi gửi hồ sơ)."),
                pattern=REFERENCE_PATTERN,
            )
        ],
        description=gettext_lazy(
            "Cho chính hệ thống đã gửi hồ sơ: tra bằng external_reference của mình, kể cả trước khi có số tiếp nhận."
        ),
        responses={200: DossierStatusSerializer, **COMMON_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, external_reference: str, *args, **kwargs):
        try:
            dossier = selectors.dossier_by_reference(
                viewer=request.user, client=request.auth, external_reference=external_reference
            )
        except Dossier.DoesNotExist as exc:
            raise exceptions.NotFound(_("Không tìm thấy hồ sơ có mã này do hệ thống của bạn gửi.")) from exc
        return Response(DossierStatusSerializer(dossier, context={"client": request.auth}).data)


class RoundListView(generics.ListAPIView):
    required_scope = Scope.SUBMIT_DOSSIERS
    serializer_class = RoundSerializer
    pagination_class = None

    @extend_schema(
        operation_id="rounds_open",
        tags=["Danh mục"],
        summary=gettext_lazy("Các đợt xét đang nhận hồ sơ"),
        responses={200: RoundSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.open_rounds(viewer=self.request.user)


class AwardTypeListView(generics.ListAPIView):
    required_scope = Scope.SUBMIT_DOSSIERS
    serializer_class = AwardTypeSerializer
    pagination_class = None

    @extend_schema(
        operation_id="award_types",
        tags=["Danh mục"],
        summary=gettext_lazy("Danh hiệu, hình thức khen thưởng đang dùng (mã cho trường award)"),
        responses={200: AwardTypeSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.active_award_types()


# --- Decisions and the ledger --------------------------------------------------------------------


class DecisionListView(generics.ListAPIView):
    required_scope = Scope.READ_AWARDS
    serializer_class = DecisionSerializer
    pagination_class = PagePagination

    @extend_schema(
        operation_id="decisions_list",
        tags=["Khen thưởng"],
        summary=gettext_lazy("Quyết định, tờ trình đã ban hành"),
        description=gettext_lazy(
            "Nội dung như khi ký (số, ngày, người ký, cơ quan ban hành, danh hiệu, danh sách kèm theo và tiền thưởng), "
            "kể cả văn bản đã thu hồi (status). Mới nhất trước; phân trang."
        ),
        parameters=[DecisionFilterSerializer],
        responses={200: DecisionSerializer(many=True), 400: INVALID, **COMMON_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.issued_decisions(viewer=self.request.user, **_parse_filters(DecisionFilterSerializer, self.request))


class DecisionDetailView(generics.RetrieveAPIView):
    required_scope = Scope.READ_AWARDS
    serializer_class = DecisionSerializer

    @extend_schema(
        operation_id="decision_detail",
        tags=["Khen thưởng"],
        summary=gettext_lazy("Một quyết định, tờ trình đã ban hành"),
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description=gettext_lazy("Mã văn bản (id trong danh sách)."))
        ],
        responses={200: DecisionSerializer, **COMMON_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.issued_decisions(viewer=self.request.user)


class AwardRecordListView(generics.ListAPIView):
    required_scope = Scope.READ_AWARDS
    serializer_class = AwardRecordSerializer
    pagination_class = PagePagination

    @extend_schema(
        operation_id="awards_list",
        tags=["Khen thưởng"],
        summary=gettext_lazy("Sổ theo dõi khen thưởng: danh hiệu, hình thức đã được quyết định"),
        description=gettext_lazy(
            "Mỗi dòng là một khen thưởng của một cá nhân hoặc tập thể trong một năm, kèm số và ngày quyết định. Phân trang."
        ),
        parameters=[AwardFilterSerializer],
        responses={200: AwardRecordSerializer(many=True), 400: INVALID, **COMMON_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.award_ledger(viewer=self.request.user, **_parse_filters(AwardFilterSerializer, self.request))
