from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Hội đồng, quyết định và tiền thưởng")

    def ready(self):
        from core.audit import register_action_labels

        from . import (
            regimes,  # noqa: F401  (a regime's successor takes its bonus policy)
            upward,  # noqa: F401  (its signal receiver: the sender of a Tờ trình hears back)
        )

        register_action_labels(
            {
                "council_create": _("Lập Hội đồng Thi đua – Khen thưởng của năm"),
                "council_member_add": _("Thêm thành viên Hội đồng"),
                "council_member_remove": _("Bỏ thành viên Hội đồng"),
                "meeting_create": _("Tạo phiên họp Hội đồng"),
                "meeting_update": _("Sửa nội dung biên bản"),
                "agenda_fill": _("Cập nhật chương trình biểu quyết"),
                "attendance_set": _("Điểm danh thành viên"),
                "voting_open": _("Mở biểu quyết"),
                "ballot_cast": _("Bỏ phiếu"),
                "written_opinion_refused": _("Từ chối ghi ý kiến bằng văn bản"),
                "ballot_close": _("Kết thúc biểu quyết, kiểm phiếu"),
                "ballot_reopen": _("Mở lại biểu quyết"),
                "proposal_sent": _("Gửi tờ trình lên cấp trên qua Cổng"),
                "proposal_resubmitted": _("Gửi lại tờ trình đã bổ sung lên cấp trên"),
            }
        )
