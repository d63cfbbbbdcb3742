"""Default blank-form (phôi) layouts, so that "fields only" printing works out of the box.

Positions are millimetres from the sheet's top-left corner for a common A4 landscape Giấy khen blank
(emblem, Quốc hiệu, issuer and "GIẤY KHEN" pre-printed in the upper ~95 mm). The A3 layout is the same
design scaled by √2. Staff adjust them in the admin after a test print.
"""

from decimal import Decimal

from django.db import migrations

A4_FIELDS = [
    # field, x, y, width, size pt, align, bold, italic, prefix
    ("recipient", 30, 98, 237, 22, "center", True, True, ""),
    ("detail", 30, 110, 237, 15, "center", False, False, ""),
    ("achievement", 40, 119, 217, 15, "center", False, True, ""),
    ("decision", 24, 166, 115, 12.5, "left", False, False, "Quyết định số "),
    ("register_number", 24, 173, 115, 12.5, "left", False, False, "Số sổ vàng: "),
    ("place_date", 160, 140, 115, 14, "center", False, True, ""),
    ("signer_title", 160, 147, 115, 14, "center", True, False, ""),
    ("signer_name", 160, 188, 115, 15, "center", True, False, ""),
]
SCALE_A3 = Decimal("1.414")


def create_layouts(apps, schema_editor):
    Layout = apps.get_model("documents", "CertificateLayout")
    Field = apps.get_model("documents", "CertificateLayoutField")
    for name, page_size, scale, is_default in (
        ("Phôi giấy khen A4 ngang", "A4", Decimal(1), True),
        ("Phôi giấy khen A3 ngang", "A3", SCALE_A3, False),
    ):
        if Layout.objects.filter(name=name).exists():
            continue
        layout = Layout.objects.create(name=name, page_size=page_size, orientation="landscape", is_default=is_default)
        Field.objects.bulk_create(
            Field(
                layout=layout,
                field=field,
                x_mm=(Decimal(x) * scale).quantize(Decimal("0.1")),
                y_mm=(Decimal(y) * scale).quantize(Decimal("0.1")),
                width_mm=(Decimal(width) * scale).quantize(Decimal("0.1")),
                font_size_pt=(Decimal(str(size)) * scale).quantize(Decimal("0.1")),
                align=align,
                bold=bold,
                italic=italic,
                prefix=prefix,
            )
            for field, x, y, width, size, align, bold, italic, prefix in A4_FIELDS
        )


def remove_layouts(apps, schema_editor):
    apps.get_model("documents", "CertificateLayout").objects.filter(
        name__in=["Phôi giấy khen A4 ngang", "Phôi giấy khen A3 ngang"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(create_layouts, remove_layouts)]
