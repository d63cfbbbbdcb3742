from django.contrib import admin

from .models import CertificateLayout, CertificateLayoutField, DocumentNumber, LegalBasis, NumberRegister


class CertificateLayoutFieldInline(admin.TabularInline):
    model = CertificateLayoutField
    extra = 0
    fields = ("field", "x_mm", "y_mm", "width_mm", "font_size_pt", "align", "bold", "italic", "prefix")


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    list_display = ("name", "page_size", "orientation", "offset_x_mm", "offset_y_mm", "is_default", "updated_at")
    list_filter = ("page_size", "orientation")
    fields = ("name", ("page_size", "orientation"), ("offset_x_mm", "offset_y_mm"), "is_default")
    inlines = [CertificateLayoutFieldInline]


@admin.register(NumberRegister)
class NumberRegisterAdmin(admin.ModelAdmin):
    """Staff may set the last number when the portal takes over a register kept on paper."""

    list_display = ("year", "doc_type", "issuer_code", "last_number")
    list_filter = ("year", "doc_type")
    search_fields = ("issuer_code",)


@admin.register(DocumentNumber)
class DocumentNumberAdmin(admin.ModelAdmin):
    """The register itself: read-only, a number once taken is never edited nor reused."""

    list_display = ("label", "summary", "created_at")
    list_filter = ("register__year", "register__doc_type")
    list_select_related = ("register",)
    search_fields = ("label", "summary")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """The "Căn cứ" lines documents cite besides their regime's law and decree (documents.selectors.legal_bases)."""

    list_display = ("text", "order", "kind", "authority", "valid_from", "valid_to")
    list_filter = ("kind", "authority")
    search_fields = ("text",)
    fields = ("text", ("order", "kind"), "authority", ("valid_from", "valid_to"))
