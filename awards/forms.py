from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import role_holders
from core.actions import OnceField
from core.forms import form_helper
from core.widgets import FilePicker

from .models import CouncilMember, Decision


class CouncilMemberForm(forms.Form):
    """A new seat: the people to choose from are those holding a role in the council's authority (#13)."""

    user = forms.ModelChoiceField(label=_("Người"), queryset=User.objects.none())
    position = forms.ChoiceField(label=_("Vị trí"), choices=CouncilMember.Position.choices)
    title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)

    def __init__(self, *args, authority_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = role_holders(authority_id=authority_id).order_by("full_name", "pk")
        self.helper = form_helper()


class MeetingForm(forms.Form):
    once = OnceField()
    title = forms.CharField(label=_("Nội dung họp"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Thời gian"), widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class MeetingTextsForm(forms.Form):
    office_report = forms.CharField(
        label=_("Báo cáo của cơ quan thường trực"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusion = forms.CharField(label=_("Kết luận của chủ tọa"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class DecisionIssueForm(forms.Form):
    date = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    # The block printed follows who decides (the award's catalogue entry): "CHỦ TỊCH" or "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
    signer = forms.ChoiceField(
        label=_("Người ký"),
        choices=[(Decision.Signer.CHAIR, _("Chủ tịch ký")), (Decision.Signer.DEPUTY, _("Phó Chủ tịch ký thay (KT. CHỦ TỊCH)"))],
    )
    proposal_ref = forms.CharField(
        label=_("Căn cứ tờ trình"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Tờ trình số 12/TTr-NV ngày 10/01/2025 của Phòng Nội vụ."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi, hủy bỏ"), widget=forms.Textarea(attrs={"rows": 2}))


class UpwardSupplementForm(forms.Form):
    """What the commune's office sends back when the province asks for a supplement of a Tờ trình."""

    note = forms.CharField(
        label=_("Nội dung đã bổ sung"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    file = forms.FileField(
        label=_("Tệp bổ sung"), required=False, help_text=_("PDF, DOCX, XLSX, JPG hoặc PNG."), widget=FilePicker
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
