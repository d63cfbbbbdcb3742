import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ReviewReport
from .statistics import Period

DATE_WIDGET = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy"}}
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(form: forms.Form, *names: str) -> None:
    """Dates the portal can count with (a typo like 01/01/0201 is an error, not a 500)."""
    for name in names:
        day = form.cleaned_data.get(name)
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            form.add_error(name, _("Hãy nhập ngày trong khoảng năm %(a)s – %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR})


class PeriodForm(forms.Form):
    """The period of a statistic: from a date up to the cut-off date ("tính đến ngày")."""

    tu_ngay = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(**DATE_WIDGET))
    den_ngay = forms.DateField(label=_("Tính đến ngày"), widget=forms.DateInput(**DATE_WIDGET))

    @classmethod
    def default_period(cls) -> Period:
        today = timezone.localdate()
        return Period(datetime.date(today.year, 1, 1), today)

    @classmethod
    def from_query(cls, query) -> "PeriodForm":
        default = cls.default_period()
        data = {
            "tu_ngay": query.get("tu_ngay") or f"{default.date_from:%d/%m/%Y}",
            "den_ngay": query.get("den_ngay") or f"{default.cutoff:%d/%m/%Y}",
        }
        return cls(data)

    def clean(self):
        data = super().clean()
        check_year(self, "tu_ngay", "den_ngay")
        start, cutoff = data.get("tu_ngay"), data.get("den_ngay")
        if start and cutoff and not self.errors:
            if start > cutoff:
                self.add_error("den_ngay", _("Ngày tính đến phải sau ngày bắt đầu."))
            elif (cutoff - start).days > 366 * 5:
                self.add_error("tu_ngay", _("Chỉ thống kê tối đa 5 năm một lần."))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["tu_ngay"], self.cleaned_data["den_ngay"])

    def query(self) -> str:
        """The period as a query string for the links through to the lists."""
        return f"tu_ngay={self.period.date_from:%d/%m/%Y}&den_ngay={self.period.cutoff:%d/%m/%Y}"


class ReviewOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReviewReport.Kind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class ReviewReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReviewReport
        fields = ["date_from", "cutoff", "report_date", "leadership", "movements", "strengths", "weaknesses", "next_tasks"]
        widgets = {
            "date_from": forms.DateInput(**DATE_WIDGET),
            "cutoff": forms.DateInput(**DATE_WIDGET),
            "report_date": forms.DateInput(**DATE_WIDGET),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("leadership", "movements", "strengths", "weaknesses", "next_tasks")
            },
        }

    def clean(self):
        data = super().clean()
        check_year(self, "date_from", "cutoff", "report_date")
        return data
