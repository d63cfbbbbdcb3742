"""Form widgets of the portal.

FilePicker: a file input drawn as the portal's Vietnamese picker ("Chọn tệp" / "Chưa chọn tệp",
templates/partials/file_picker.html) instead of the browser's own, whose words follow the browser's language.
Crispy forms draw every file field with the same partial (templates/bootstrap5/layout/field_file.html); the
widget is for a field rendered on its own ({{ form.file }})."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


class FilePicker(forms.ClearableFileInput):
    """A file input (clearable when the field is optional and holds a file) in the portal's picker."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].setdefault("id", f"id_{name}")
        return mark_safe(render_to_string("partials/file_picker.html", {"widget": widget}))
