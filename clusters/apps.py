from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Cụm và khối thi đua")

    def ready(self):
        from core.audit import register_action_labels

        register_action_labels(
            {
                "group_update": _("Sửa cụm, khối"),
                "group_create": _("Thành lập cụm, khối thi đua"),
                "group_members": _("Sửa thành viên cụm, khối"),
                "group_copy": _("Sao chép cụm, khối sang năm sau"),
                "group_leader": _("Giao trưởng, phó cụm, khối"),
                "sheet_create": _("Tạo bảng tiêu chí chấm điểm"),
                "sheet_copy": _("Sao chép bảng tiêu chí mẫu"),
                "criterion_save": _("Sửa tiêu chí chấm điểm"),
                "criterion_delete": _("Xóa tiêu chí chấm điểm"),
                "scoring_open": _("Khóa tiêu chí, mở chấm điểm"),
                "card_self_score": _("Đơn vị tự chấm điểm"),
                "evidence_add": _("Tải lên minh chứng chấm điểm"),
                "card_submit": _("Gửi phiếu tự chấm điểm"),
                "card_review": _("Trưởng cụm, khối thẩm định điểm"),
                "card_return": _("Trả lại phiếu chấm điểm"),
                "sheet_finalise": _("Chốt điểm, công bố xếp hạng"),
                "pact_create": _("Lập giao ước thi đua"),
                "pact_commit": _("Đăng ký nội dung giao ước"),
                "pact_sign": _("Xác nhận ký giao ước thi đua"),
                "election_open": _("Mở bỏ phiếu suy tôn"),
                "election_vote": _("Bỏ phiếu suy tôn"),
                "election_close": _("Kiểm phiếu suy tôn"),
                "election_propose": _("Lập hồ sơ đề nghị cho đơn vị được suy tôn"),
                # The former report chain of clusters/ (now submission requests): labels of older entries.
                "report_call_create": _("Mở kỳ báo cáo cụm, khối"),
                "report_submit": _("Gửi báo cáo cụm, khối"),
                "report_review": _("Xử lý báo cáo cụm, khối"),
            }
        )
