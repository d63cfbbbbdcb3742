from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.actions import OnceField, OnceFormMixin
from core.forms import form_helper
from core.uploads import ALLOWED_LABEL
from core.widgets import FilePicker
from units.widgets import autocomplete_when_many

from .enums import ComponentType, Outcome, Subject, Verdict
from .fields import COLLECTIVE_FIELDS, FIELDS_BY_SUBJECT, INDIVIDUAL_FIELDS
from .models import AwardRound, AwardType, Nominee
from .services.results import appraisal_seen, row_error


class DossierCreateForm(OnceFormMixin, forms.Form):
    """A clerk's new dossier: one of their units, into an open round of that unit's authority (#13)."""

    award_round = forms.ModelChoiceField(label=_("Đợt xét khen thưởng"), queryset=AwardRound.objects.none())
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=None)
    title = forms.CharField(label=_("Trích yếu"), max_length=255, help_text=_("Ví dụ: Đề nghị khen thưởng tổng kết năm 2024."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_round"].queryset = AwardRound.objects.filter(
            is_open=True, authority_id__in=units.order_by().values("authority_id")
        )
        self.fields["unit"].queryset = units
        count = units.count()
        if count == 1:  # the clerk's one unit: chosen, with no empty choice to fall back to
            self.fields["unit"].initial = units.first()
            self.fields["unit"].empty_label = None
        autocomplete_when_many(self.fields["unit"], count=count)  # a clerk's 1–3 units stay a plain select
        self.helper = form_helper()


class NomineeForm(forms.ModelForm):
    """One form per subject: only the fields that subject has. The dossier's version refuses a stale
    form; the one-time token sends a double post of a new nominee to the page the first one reached."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    once = OnceField()

    class Meta:
        model = Nominee
        fields = INDIVIDUAL_FIELDS + [f for f in COLLECTIVE_FIELDS if f not in INDIVIDUAL_FIELDS]
        widgets = {
            "date_of_birth": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            "achievement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, subject, dossier_version, **kwargs):
        super().__init__(*args, **kwargs)
        keep = FIELDS_BY_SUBJECT[subject]
        for name in list(self.fields):
            if name not in keep and name not in ("version", "once"):
                del self.fields[name]
        self.fields["award"].queryset = AwardType.objects.filter(is_active=True, subject=subject)
        self.fields["version"].initial = dossier_version
        label = {
            Subject.INDIVIDUAL: _("Họ và tên"),
            Subject.COLLECTIVE: _("Tên tập thể"),
            Subject.HOUSEHOLD: _("Họ tên chủ hộ"),
            Subject.VILLAGE: _("Tên thôn, tổ dân phố"),
        }[subject]
        self.fields["full_name"].label = label
        if subject == Subject.INDIVIDUAL:
            for name in ("task_rating", "months_worked"):
                self.fields[name].required = True
        self.helper = form_helper()

    def clean_months_worked(self):
        months = self.cleaned_data.get("months_worked")
        if months is not None and months > 12:
            raise forms.ValidationError(_("Số tháng công tác trong năm từ 0 đến 12."))
        return months


class AttachmentForm(OnceFormMixin, forms.Form):
    component = forms.ChoiceField(label=_("Thành phần"), choices=ComponentType.choices)
    nominee = forms.ModelChoiceField(
        label=_("Của người, tập thể"),
        queryset=Nominee.objects.none(),
        required=False,
        empty_label=_("Cả hồ sơ (tờ trình, biên bản…)"),
    )
    file = forms.FileField(label=_("Tệp"), help_text=_("Chấp nhận %(allowed)s.") % {"allowed": ALLOWED_LABEL}, widget=FilePicker)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = dossier.nominees.all()
        self.helper = form_helper()


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Receiving a sent dossier: the day it arrived (blank: today); the browser's date field posts yyyy-mm-dd.
    received_on = forms.DateField(
        label=_("Ngày tiếp nhận"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Ngày tiếp nhận không hợp lệ (ngày/tháng/năm).")},
    )


class AppraisalForm(forms.Form):
    """One nominee's row of the appraisal table (prefixed by the nominee's id, so the rows share one form):
    the verdict (blank: not yet decided, the row is left as it is), the note, and what the page showed
    (`seen`), so a save never silently overwrites what someone else recorded meanwhile."""

    verdict = forms.ChoiceField(label=_("Kết luận"), choices=[("", _("— Chưa kết luận —")), *Verdict.choices], required=False)
    note = forms.CharField(label=_("Ý kiến thẩm định"), required=False, widget=forms.TextInput)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)


class AppraisalSheet:
    """The appraisal table of a dossier: one AppraisalForm per nominee, in the page's order. Unbound, each
    row offers what is recorded (else the automatic verdict); bound, each keeps what was typed."""

    def __init__(self, data=None, *, nominees):
        self.nominees = list(nominees)
        self.forms = [
            AppraisalForm(
                data,
                prefix=str(n.pk),
                initial={"verdict": n.appraisal_verdict or n.verdict, "note": n.appraisal_note, "seen": appraisal_seen(n)},
            )
            for n in self.nominees
        ]

    def __iter__(self):
        return iter(zip(self.nominees, self.forms, strict=True))

    def by_nominee(self) -> dict:
        return {n.pk: form for n, form in self}

    def rows(self) -> list[dict]:
        """The rows to save, or a ValidationError naming each row whose input is not valid."""
        problems = []
        for number, (nominee, form) in enumerate(self, start=1):
            if not form.is_valid():
                problems.append(row_error(number, nominee, form.errors.get("verdict") or form.non_field_errors()))
        if problems:
            raise forms.ValidationError(problems)
        return [{"nominee": n, **form.cleaned_data} for n, form in self]

    def add_errors(self, error: forms.ValidationError) -> None:
        """Put a service's refusal keyed by nominee id ("<id>-note") on that row's field."""
        if not hasattr(error, "error_dict"):
            return
        forms_by_prefix = {form.prefix: form for form in self.forms}
        for key, errors in error.error_dict.items():
            prefix, _dash, field = key.partition("-")
            if prefix in forms_by_prefix and field in AppraisalForm.base_fields:
                forms_by_prefix[prefix].add_error(field, errors)


class OutcomeOverrideForm(forms.Form):
    """Changing a result the ballot gave (or giving one it did not): no default, a reason always."""

    outcome = forms.ChoiceField(label=_("Kết quả ghi đè"), choices=[("", _("— Chọn kết quả —")), *Outcome.choices])
    reason = forms.CharField(label=_("Lý do ghi đè (bắt buộc)"), widget=forms.TextInput)


class AwardRoundForm(forms.ModelForm):
    class Meta:
        model = AwardRound
        fields = [
            "name",
            "year",
            "commendation_kind",
            "campaign",
            "campaign_name",
            "submission_deadline",
            "ceremony_date",
            "min_days_before_ceremony",
            "is_open",
        ]
        widgets = {
            "submission_deadline": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            "ceremony_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, authority_id: int | None = None, **kwargs):
        """`authority_id`: the office's acting authority, whose campaigns alone the round may follow. The list
        offers only registered campaigns (number and date, Campaign.is_registered) and the one the round
        already follows; another of the authority's campaigns, posted all the same, is refused by name in
        clean()."""
        super().__init__(*args, **kwargs)
        field = self.fields["campaign"]
        if authority_id is not None:
            field.queryset = field.queryset.filter(authority_id=authority_id)
        registered = Q(registration_date__isnull=False) & ~Q(registration_number="")
        offered = field.queryset.filter(registered | Q(pk=self.instance.campaign_id))
        field.widget.choices = forms.ModelChoiceField(queryset=offered, required=False, empty_label=field.empty_label).choices
        self.helper = form_helper()

    def clean(self):
        cleaned = super().clean()
        deadline, ceremony = cleaned.get("submission_deadline"), cleaned.get("ceremony_date")
        if deadline and ceremony and ceremony < deadline:
            self.add_error("ceremony_date", _("Ngày trao thưởng phải sau hạn nộp hồ sơ."))
        campaign = cleaned.get("campaign")
        if cleaned.get("commendation_kind") == "chuyen_de":
            if campaign is None:
                self.add_error("campaign", _("Đợt chuyên đề phải gắn với một phong trào đã đăng ký."))
            elif not campaign.is_registered:
                self.add_error("campaign", _("Phong trào “%(name)s” chưa đăng ký với cơ quan thường trực.") % {"name": campaign})
            elif not cleaned.get("campaign_name"):
                cleaned["campaign_name"] = campaign.name
        return cleaned
