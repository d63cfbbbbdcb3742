"""Operations other apps' migrations share when their records came to belong to an authority (#13)."""

from django.db import migrations


def owned_by_root(app_label: str, *model_names: str, refuse_back: bool = True) -> migrations.RunPython:
    """Rows made before there were several authorities belong to the installation's root authority (the
    one row the single-authority portal kept), created here if rows need it and it was never saved.

    On PostgreSQL the foreign keys are checked at once, so the same migration may then make the column
    required (an ALTER TABLE after the UPDATE would otherwise meet "pending trigger events"). Going back is
    refused once there are several authorities: their per-authority numbers would clash in one register (a later
    migration that only adds an authority to one more model passes refuse_back=False)."""

    def forwards(apps, schema_editor):
        Authority = apps.get_model("units", "Authority")
        models = [apps.get_model(app_label, name) for name in model_names]
        if any(model.objects.filter(authority=None).exists() for model in models):
            root = Authority.objects.filter(parent=None).order_by("pk").first() or Authority.objects.create()
            for model in models:
                model.objects.filter(authority=None).update(authority=root)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def backwards(apps, schema_editor):
        if refuse_back and apps.get_model("units", "Authority").objects.count() > 1:
            raise RuntimeError(
                "This database holds several authorities (#13): going back to one authority per installation "
                "would merge their registers and numbers. Restore a backup taken before the upgrade instead."
            )

    return migrations.RunPython(forwards, backwards)
