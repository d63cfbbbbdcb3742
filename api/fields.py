"""Django REST framework fields and serializers whose refusals are in Vietnamese.

The framework's own messages are English (its Vietnamese catalogue covers a handful); every field of
the API is one of these, so a client gets a Vietnamese message per field.
"""

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

BASE_MESSAGES = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống (null)."),
}


class _NoSurrogates(ProhibitSurrogateCharactersValidator):
    message = _("Không được dùng ký tự thay thế (surrogate) U+{code_point:X}.")


def _vietnamese(validator):
    if isinstance(validator, ProhibitSurrogateCharactersValidator):
        return _NoSurrogates()
    if isinstance(validator, ProhibitNullCharactersValidator):
        return ProhibitNullCharactersValidator(message=_("Không được dùng ký tự null (\\x00)."))
    return validator


class ViCharField(serializers.CharField):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _("Cần một chuỗi ký tự."),
        "blank": _("Trường này không được để trống."),
        "max_length": _("Tối đa {max_length} ký tự."),
        "min_length": _("Tối thiểu {min_length} ký tự."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [_vietnamese(v) for v in self.validators]


class ViRegexField(serializers.RegexField, ViCharField):
    default_error_messages = {"invalid": _("Giá trị không đúng định dạng.")}


class ViIntegerField(serializers.IntegerField):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _("Cần một số nguyên."),
        "max_value": _("Giá trị tối đa là {max_value}."),
        "min_value": _("Giá trị tối thiểu là {min_value}."),
        "max_string_length": _("Giá trị quá dài."),
    }


class ViBooleanField(serializers.BooleanField):
    default_error_messages = {**BASE_MESSAGES, "invalid": _("Cần giá trị true hoặc false.")}


class ViDateField(serializers.DateField):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _("Ngày không đúng định dạng: dùng YYYY-MM-DD."),
        "datetime": _("Cần một ngày, không phải ngày giờ."),
    }


class ViChoiceField(serializers.ChoiceField):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid_choice": _("“{input}” không phải lựa chọn hợp lệ."),
    }


class ViListSerializer(serializers.ListSerializer):
    default_error_messages = {
        **BASE_MESSAGES,
        "not_a_list": _("Cần một danh sách, không phải “{input_type}”."),
        "empty": _("Danh sách này không được rỗng."),
        "max_length": _("Tối đa {max_length} phần tử."),
        "min_length": _("Tối thiểu {min_length} phần tử."),
    }


class ViSerializer(serializers.Serializer):
    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": _("Dữ liệu không hợp lệ: cần một đối tượng JSON, không phải “{datatype}”."),
    }

    class Meta:
        list_serializer_class = ViListSerializer
