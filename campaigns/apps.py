from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào, kế hoạch, yêu cầu nộp và nhắc việc")

    def ready(self):
        from core.audit import register_action_labels
        from notifications.preferences import register_email_category

        from .messages import EMAIL_CATEGORY_DIGEST, EMAIL_CATEGORY_REMINDERS, EMAIL_CATEGORY_REQUESTS

        register_action_labels(
            {
                "campaign_create": _("Tạo phong trào thi đua"),
                "campaign_update": _("Sửa phong trào thi đua"),
                "campaign_register": _("Ghi đăng ký phong trào"),
                "campaign_join": _("Đơn vị đăng ký tham gia phong trào"),
                "milestone_save": _("Ghi mốc sơ kết, tổng kết"),
                "plan_save": _("Lưu kế hoạch công tác TĐKT"),
                "plan_task_save": _("Lưu nhiệm vụ trong kế hoạch"),
                "plan_task_done": _("Đánh dấu nhiệm vụ hoàn thành"),
                "plan_task_reopen": _("Mở lại nhiệm vụ"),
                "request_create": _("Tạo yêu cầu nộp văn bản"),
                "request_close": _("Kết thúc theo dõi yêu cầu nộp"),
                "request_letter": _("Lấy số công văn cho yêu cầu nộp"),
                "submission_upload": _("Đơn vị nộp văn bản"),
                "submission_accept": _("Chấp nhận văn bản đơn vị nộp"),
                "submission_return": _("Trả lại văn bản để đơn vị sửa"),
                "reminder_settings_update": _("Sửa cấu hình nhắc việc"),
                "message_template_update": _("Sửa mẫu thông báo"),
                "exemplary_submit": _("Giới thiệu gương điển hình"),
                "exemplary_review": _("Xem xét gương điển hình"),
                "calendar_feed_renew": _("Tạo lại đường dẫn lịch riêng"),
            }
        )
        register_email_category(EMAIL_CATEGORY_REMINDERS, _("Thư nhắc hạn nộp văn bản, hồ sơ và hạn giải quyết"))
        register_email_category(EMAIL_CATEGORY_DIGEST, _("Bản tổng hợp việc quá hạn hằng ngày (cơ quan thường trực)"))
        register_email_category(EMAIL_CATEGORY_REQUESTS, _("Thư báo yêu cầu nộp mới, văn bản được chấp nhận hoặc trả lại"))
