from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Hồ sơ khen thưởng")

    def ready(self):
        from core.audit import register_action_labels

        from .enums import DossierStatus
        from .services.verdicts import register_catalogue_thresholds

        register_catalogue_thresholds()

        labels = {
            "dossier_create": _("Lập hồ sơ"),
            "dossier_received_upward": _("Tiếp nhận tờ trình cấp dưới gửi lên qua Cổng"),
            "dossier_resubmitted_upward": _("Cấp dưới gửi lại tờ trình đã bổ sung"),
            "dossier_update": _("Sửa trích yếu"),
            "nominee_add": _("Thêm người, tập thể được đề nghị"),
            "nominee_update": _("Sửa thông tin người được đề nghị"),
            "nominee_delete": _("Xóa người được đề nghị"),
            "nominee_import": _("Nhập danh sách từ Excel"),
            "nominee_appraise": _("Ghi kết luận thẩm định"),
            "nominee_decide": _("Ghi kết quả xét"),
            "nominee_outcomes_record": _("Ghi kết quả biểu quyết của Hội đồng"),
            "nominee_outcome_override": _("Ghi đè kết quả xét (có lý do)"),
            "attachment_add": _("Tải lên tệp"),
            "attachment_delete": _("Xóa tệp"),
            "person_merge": _("Gộp cá nhân trùng"),
            "ledger_import": _("Nhập sổ khen thưởng từ Excel"),
            "round_create": _("Tạo đợt xét khen thưởng"),
            "round_update": _("Sửa đợt xét khen thưởng"),
        }
        for value, label in DossierStatus.choices:
            labels[f"dossier_{value}"] = _("Chuyển sang “%(status)s”") % {"status": label}
        register_action_labels(labels)
