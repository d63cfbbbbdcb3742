from django import forms
from django.core.exceptions import ValidationError
from django.template import Template, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.actions import OnceField, OnceFormMixin
from core.forms import HelperMixin, VersionedModelForm
from core.uploads import ALLOWED_LABEL
from core.widgets import FilePicker
from units.enums import UnitKind
from units.models import Unit
from units.widgets import UnitMultipleAutocomplete, autocomplete_when_many

from .enums import DocumentKind, DueMode, ExemplaryKind, PeriodKind, Quarter, Receiver, RecipientMode
from .models import AnnualPlan, Campaign, Milestone, PlanTask, ReminderSettings, SubmissionRequest
from .services.campaigns import CAMPAIGN_FIELDS, MILESTONE_FIELDS
from .services.plan import PLAN_FIELDS, PLAN_TASK_FIELDS
from .services.reminder_settings import REMINDER_SETTINGS_FIELDS
from .services.requests import CHAIN_KINDS, no_groups_in_year

DATE_WIDGET = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy"}}


def date_input():
    return forms.DateInput(**DATE_WIDGET)


def version_field():
    """The version of the record the page showed (hidden): a save from a stale page is refused."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class CampaignForm(VersionedModelForm):
    once = OnceField()

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        widgets = {
            "start_date": date_input(),
            "end_date": date_input(),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        count = owners.count()
        if count == 1:
            self.fields["owner"].initial = owners.first()
        autocomplete_when_many(self.fields["owner"], count=count)  # the office launches for any unit


class CampaignRegisterForm(forms.Form):
    number = forms.CharField(
        label=_("Số đăng ký"),
        max_length=50,
        help_text=_("Ví dụ: 05/ĐK-NV."),
        error_messages={"required": _("Ghi số đăng ký.")},
    )
    date = forms.DateField(
        label=_("Ngày đăng ký"),
        widget=date_input(),
        error_messages={"required": _("Ghi ngày đăng ký (dd/mm/yyyy)."), "invalid": _("Ghi ngày theo dạng dd/mm/yyyy.")},
    )
    version = version_field()


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        widgets = {"due_date": date_input(), "done_on": date_input(), "report_note": forms.Textarea(attrs={"rows": 2})}


class JoinForm(HelperMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    targets = forms.CharField(
        label=_("Chỉ tiêu, nội dung đăng ký thi đua"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: 100% thôn đạt chuẩn nông thôn mới kiểu mẫu; 02 mô hình mới được nhân rộng."),
        error_messages={"required": _("Ghi các chỉ tiêu, nội dung đơn vị đăng ký thi đua.")},
    )
    # The registrations of the clerk's units the page showed, "unit:version,…": a unit registered by a
    # colleague meanwhile (or changed) is not silently replaced.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        count = units.count()
        if count == 1:
            self.fields["unit"].initial = units.first()
        autocomplete_when_many(self.fields["unit"], count=count)
        self.fields["seen"].initial = ",".join(f"{r.unit_id}:{r.version}" for r in registrations)

    def clean_seen(self) -> dict[int, int]:
        seen = {}
        for part in (self.cleaned_data.get("seen") or "").split(","):
            unit, _sep, version = part.partition(":")
            if unit.strip().isdigit() and version.strip().isdigit():
                seen[int(unit)] = int(version)
        return seen

    def expected_version(self) -> int | None:
        return self.cleaned_data["seen"].get(self.cleaned_data["unit"].pk)


class PlanForm(VersionedModelForm):
    class Meta:
        model = AnnualPlan
        fields = PLAN_FIELDS
        widgets = {"issued_on": date_input()}


class PlanTaskForm(VersionedModelForm):
    class Meta:
        model = PlanTask
        fields = PLAN_TASK_FIELDS
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.Textarea(attrs={"rows": 3}),
            "due_date": date_input(),
        }
        help_texts = {"due_date": _("Để trống: ngày cuối quý."), "number": _("Để trống: số tiếp theo.")}

    def __init__(self, *args, lower_levels: bool = False, **kwargs):
        """`lower_levels`: the plan's authority has communes under it; else a task cannot be given to them (#13)."""
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["due_date"].required = False
        self.fields["quarter"].choices = Quarter.choices
        if not lower_levels and not self.instance.for_lower_levels:
            del self.fields["for_lower_levels"]


class TaskReportForm(forms.Form):
    """A commune office's report on a task the parent gave to lower levels (#13); `version` is the report's
    the page showed (0: none yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    done_on = forms.DateField(label=_("Ngày hoàn thành"), widget=date_input())
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskDoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Kết quả thực hiện"), required=False)


class RequestForm(HelperMixin, forms.Form):
    once = OnceField()
    title = forms.CharField(
        label=_("Văn bản cần nộp"),
        max_length=255,
        help_text=_("Ví dụ: Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026."),
    )
    document_kind = forms.ChoiceField(label=_("Loại văn bản"), choices=SubmissionRequest._meta.get_field("document_kind").choices)
    description = forms.CharField(label=_("Yêu cầu cụ thể"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recipient_mode = forms.ChoiceField(
        label=_("Gửi đến"), choices=RecipientMode.choices, widget=forms.RadioSelect, initial=RecipientMode.ALL
    )
    recipient_kinds = forms.MultipleChoiceField(
        label=_("Các loại đơn vị"), choices=UnitKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị"),
        queryset=Unit.objects.active().order_by("sort_order", "name"),
        required=False,
        widget=UnitMultipleAutocomplete(),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Các cụm, khối"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Khi gửi đến thành viên hoặc trưởng các cụm, khối."),
    )
    receiver = forms.ChoiceField(
        label=_("Nơi nhận, xem xét"),
        choices=Receiver.choices,
        initial=Receiver.OFFICE,
        required=False,
        help_text=_("Trưởng cụm, khối chỉ nhận khi gửi đến thành viên các cụm, khối."),
    )
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=date_input(), required=False, help_text=_("Để trống: hôm nay."))
    due_mode = forms.ChoiceField(
        label=_("Cách tính hạn"), choices=DueMode.choices, widget=forms.RadioSelect, initial=DueMode.DATE
    )
    due_date = forms.DateField(label=_("Hạn nộp"), widget=date_input(), required=False)
    due_days = forms.IntegerField(label=_("Số ngày"), min_value=1, max_value=365, required=False)
    document_number = forms.CharField(label=_("Số công văn"), max_length=50, required=False, help_text=_("Ví dụ: 147/UBND-NV."))
    campaign = forms.ModelChoiceField(
        label=_("Thuộc phong trào"), queryset=Campaign.objects.order_by("name"), required=False, empty_label=_("Không")
    )
    outline = forms.CharField(
        label=_("Đề cương báo cáo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Không bắt buộc: các mục đơn vị cần báo cáo."),
    )

    def __init__(self, *args, authority_id: int, **kwargs):
        """Units, clusters and campaigns of the authority the office acts in (#13), none of another's."""
        from clusters.models import EmulationGroup

        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["units"].queryset = Unit.objects.active().filter(authority_id=authority_id).order_by("sort_order", "name")
        self.fields["campaign"].queryset = Campaign.objects.filter(authority_id=authority_id).order_by("name")
        self.fields["groups"].queryset = EmulationGroup.objects.filter(
            authority_id=authority_id, year__in=[year, year + 1]
        ).order_by("year", "kind", "sort_order", "name")


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group):
        head = group.head.name if group.head_id else _("chưa có đơn vị trưởng")
        return _("%(name)s – trưởng: %(head)s") % {"name": group.name, "head": head}


class ReportChainForm(HelperMixin, forms.Form):
    """The office asks for the mid-year or year-end report through the clusters and blocs."""

    kind = forms.ChoiceField(
        label=_("Báo cáo"),
        choices=[
            (DocumentKind.INTERIM_REPORT, _("Sơ kết 6 tháng đầu năm")),
            (DocumentKind.FINAL_REPORT, _("Tổng kết năm")),
        ],
        widget=forms.RadioSelect,
        initial=DocumentKind.INTERIM_REPORT,
    )
    groups = GroupChoiceField(
        label=_("Các cụm, khối"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một cụm, khối.")},
    )
    member_due = forms.DateField(
        label=_("Hạn các đơn vị gửi trưởng cụm, khối"),
        widget=date_input(),
        error_messages={"required": _("Chọn hạn các đơn vị gửi trưởng cụm, khối.")},
    )
    head_due = forms.DateField(
        label=_("Hạn trưởng cụm, khối gửi báo cáo tổng hợp"),
        widget=date_input(),
        help_text=_("Gửi cơ quan thường trực thi đua, khen thưởng; sau hạn của các đơn vị."),
        error_messages={"required": _("Chọn hạn trưởng cụm, khối gửi cơ quan thường trực.")},
    )
    title = forms.CharField(label=_("Tên báo cáo"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=date_input(), required=False, help_text=_("Để trống: hôm nay."))
    document_number = forms.CharField(label=_("Số công văn"), max_length=50, required=False, help_text=_("Ví dụ: 102/UBND-NV."))
    description = forms.CharField(label=_("Yêu cầu cụ thể"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outline = forms.CharField(
        label=_("Đề cương báo cáo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Không bắt buộc: các mục đơn vị cần báo cáo."),
    )

    def __init__(self, *args, year: int, authority_id: int, **kwargs):
        from clusters.models import EmulationGroup

        super().__init__(*args, **kwargs)
        self.year = year
        groups = (
            EmulationGroup.objects.filter(authority_id=authority_id, year=year)
            .select_related("head")
            .order_by("kind", "sort_order", "name")
        )
        self.fields["groups"].queryset = groups
        self.has_groups = groups.exists()
        if not self.has_groups:  # nothing to choose: say so, for this year
            self.fields["groups"].error_messages["required"] = no_groups_in_year(year)
        if not self.is_bound:
            self.initial.setdefault("groups", [g.pk for g in groups if g.head_id])
        self.fields["title"].help_text = _("Để trống: “%(interim)s” hoặc “%(final)s”.") % {
            "interim": CHAIN_KINDS[DocumentKind.INTERIM_REPORT] % {"year": year},
            "final": CHAIN_KINDS[DocumentKind.FINAL_REPORT] % {"year": year},
        }


class UploadForm(HelperMixin, OnceFormMixin, forms.Form):
    """A unit's document for a request; posted twice from one drawn form (a double click), it is stored once."""

    file = forms.FileField(
        label=_("Tệp văn bản"),
        help_text=_("Chấp nhận %(allowed)s.") % {"allowed": ALLOWED_LABEL},
        error_messages={"required": _("Chọn tệp văn bản cần nộp.")},
        widget=FilePicker,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


class ReviewForm(forms.Form):
    """The receiver's review of a row: one form, two actions (accept, return) posting to their own addresses;
    the reason is read by the return only, and kept on the page when either is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Lý do trả lại"), required=False)


class ReminderSettingsForm(VersionedModelForm):
    class Meta:
        model = ReminderSettings
        fields = REMINDER_SETTINGS_FIELDS


def _check_template(value: str) -> str:
    try:
        Template(value)
    except TemplateSyntaxError as exc:
        raise ValidationError(_("Mẫu có lỗi cú pháp: %(error)s") % {"error": exc}) from exc
    return value


class MessageTemplateForm(forms.Form):
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)  # what the page showed (services)
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, required=False, help_text=_("Để trống: tiêu đề mặc định."))
    email_body = forms.CharField(
        label=_("Nội dung thư điện tử"), required=False, widget=forms.Textarea(attrs={"rows": 14, "class": "font-monospace"})
    )
    inapp_body = forms.CharField(
        label=_("Nội dung thông báo trên Cổng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "font-monospace"}),
    )

    def clean_title(self):
        return _check_template(self.cleaned_data["title"])

    def clean_email_body(self):
        return _check_template(self.cleaned_data["email_body"])

    def clean_inapp_body(self):
        return _check_template(self.cleaned_data["inapp_body"])


class ExemplaryForm(HelperMixin, forms.Form):
    once = OnceField()
    unit = forms.ModelChoiceField(label=_("Đơn vị giới thiệu"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplaryKind.choices)
    period_kind = forms.ChoiceField(label=_("Kỳ"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period = forms.IntegerField(label=_("Tháng hoặc quý"), min_value=1, max_value=12)
    title = forms.CharField(label=_("Tên gương, mô hình"), max_length=255)
    subject_name = forms.CharField(label=_("Cá nhân, tập thể"), max_length=255)
    summary = forms.CharField(label=_("Tóm tắt thành tích, cách làm"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(
        label=_("Tệp kèm theo"),
        required=False,
        help_text=_("Không bắt buộc. Chấp nhận %(allowed)s.") % {"allowed": ALLOWED_LABEL},
        widget=FilePicker,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        count = units.count()
        if count == 1:
            self.fields["unit"].initial = units.first()
        autocomplete_when_many(self.fields["unit"], count=count)


class ExemplaryReviewForm(forms.Form):
    publish = forms.ChoiceField(choices=[("1", _("Chọn tuyên truyền")), ("0", _("Chưa chọn"))])
    note = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)
