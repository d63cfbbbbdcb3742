from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.actions import OnceFormMixin
from core.forms import form_helper
from core.widgets import FilePicker
from units.models import Unit
from units.widgets import UnitMultipleAutocomplete

from .enums import CriterionKind, LeaderMethod, LeaderPosition


class GroupForm(forms.Form):
    """A cluster or bloc: its name, regulations and member units (one group per unit per year)."""

    kind = forms.ChoiceField(label=_("Loại"), required=False)
    name = forms.CharField(label=_("Tên"), max_length=200, help_text=_("Ví dụ: Cụm thi đua số 1."))
    regulations = forms.CharField(label=_("Quy chế hoạt động"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Unit.objects.none(),
        widget=UnitMultipleAutocomplete(),
        required=False,
        help_text=_("Gõ tên đơn vị để tìm. Mỗi đơn vị chỉ thuộc một cụm hoặc khối trong một năm."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind_choices, creating: bool, authority_id: int, **kwargs):
        """Members are chosen among the units of the group's authority only (#13)."""
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            Unit.objects.active().filter(authority_id=authority_id).order_by("kind", "sort_order", "name")
        )
        self.fields["kind"].choices = kind_choices
        self.fields["kind"].required = creating
        if not creating:
            del self.fields["kind"]
        self.helper = form_helper()


# --- Clusters and blocs: the small forms of the cluster, sheet and pact pages ----------------------
# Rendered field by field in compact rows; a refused save shows the page again with what was typed.

_SMALL = {"class": "form-control form-control-sm"}
_SMALL_SELECT = {"class": "form-select form-select-sm"}


class LeaderForm(forms.Form):
    """The office appoints (or records the election of) the head or deputy."""

    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, widget=forms.Select(attrs=_SMALL_SELECT))
    position = forms.ChoiceField(label=_("Cương vị"), choices=LeaderPosition.choices, widget=forms.Select(attrs=_SMALL_SELECT))
    method = forms.ChoiceField(label=_("Hình thức"), choices=LeaderMethod.choices, widget=forms.Select(attrs=_SMALL_SELECT))
    note = forms.CharField(
        label=_("Căn cứ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={**_SMALL, "placeholder": _("Căn cứ, ví dụ 2738/UBND-NV")}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in members]


class PactCreateForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản"), max_length=255, required=False, widget=forms.TextInput(attrs=_SMALL))
    common_commitments = forms.CharField(label=_("Nội dung giao ước chung"), widget=forms.Textarea(attrs={**_SMALL, "rows": 3}))


class CriterionAddForm(forms.Form):
    code = forms.CharField(label=_("Số"), max_length=12, widget=forms.TextInput(attrs=_SMALL))
    title = forms.CharField(label=_("Nội dung"), max_length=500, widget=forms.TextInput(attrs=_SMALL))
    parent = forms.TypedChoiceField(
        label=_("Thuộc nhóm"), coerce=int, empty_value=None, required=False, widget=forms.Select(attrs=_SMALL_SELECT)
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices, widget=forms.Select(attrs=_SMALL_SELECT))
    # Text, not a number field: "12,5" is how points are written; the service reads and checks it.
    max_points = forms.CharField(
        label=_("Tối đa"), max_length=12, widget=forms.TextInput(attrs={**_SMALL, "inputmode": "decimal"})
    )
    evidence = forms.CharField(label=_("Minh chứng"), max_length=500, required=False, widget=forms.TextInput(attrs=_SMALL))

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—")] + [(p.pk, f"{p.code}. {Truncator(p.title).chars(30)}") for p in parents]


class CriterionEditForm(forms.Form):
    """One row of the sheet (prefixed with the criterion): its cap, and the version the page showed."""

    max_points = forms.CharField(
        label=_("Điểm tối đa"),
        max_length=12,
        widget=forms.TextInput(attrs={**_SMALL, "inputmode": "decimal", "style": "width:5rem"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PactCommitForm(forms.Form):
    """One member's commitment in the pact (prefixed with the signature), with the version shown."""

    commitment = forms.CharField(label=_("Nội dung đăng ký"), required=False, widget=forms.Textarea(attrs={**_SMALL, "rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceForm(OnceFormMixin, forms.Form):
    """A file of evidence for one line of a card. Posted twice from one drawn form (a double click), it is
    stored once."""

    line = forms.TypedChoiceField(label=_("Mục"), coerce=int, widget=forms.Select(attrs=_SMALL_SELECT))
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG)"),
        error_messages={"required": _("Vui lòng chọn tệp minh chứng.")},
        widget=FilePicker(attrs=_SMALL),
    )

    def __init__(self, *args, lines, **kwargs):
        kwargs.setdefault("auto_id", "ev-%s")
        super().__init__(*args, **kwargs)
        self._lines = {line.pk: line for line in lines}
        self.fields["line"].choices = [
            (line.pk, f"{line.criterion.code}. {Truncator(line.criterion.title).chars(70)}") for line in lines
        ]

    def line_of(self, pk):
        return self._lines[pk]
