from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what, when: one row per change, with a JSON diff {field: [old, new]}."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=64)
    content_type = models.ForeignKey(ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # The authority whose record changed (#13; the id of a units.Authority, which core may not name): the
    # record's own, or the one its actor acted in. Entries from before #13 have none.
    authority_id = models.PositiveIntegerField(_("cơ quan"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"


class ServiceHeartbeat(models.Model):
    """When a background process (the Celery worker, Celery beat) last reported it was alive."""

    name = models.CharField(_("tiến trình"), max_length=32, unique=True)
    seen_at = models.DateTimeField(_("báo lần cuối lúc"))
    hostname = models.CharField(_("máy"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhịp của tiến trình nền")
        verbose_name_plural = _("nhịp của tiến trình nền")

    def __str__(self):
        return f"{self.name} {self.seen_at:%d/%m/%Y %H:%M}"


class SearchKeyMixin:
    """For a model with search columns: `search_keys = {"search_name": ("name",)}` keeps each column the
    core.text.search_key of its sources on every save (update_fields included) and in save_with_version;
    the model's manager comes from SearchKeyQuerySet so that bulk_create and bulk_update do it too."""

    search_keys: dict[str, tuple[str, ...]] = {}

    def fill_search_keys(self, changed=None) -> list[str]:
        """Recompute the search columns (those fed by `changed` only, when given); return their names."""
        from .text import search_key

        filled = []
        for column, sources in self.search_keys.items():
            if changed is not None and not set(sources) & set(changed):
                continue
            max_length = self._meta.get_field(column).max_length
            setattr(self, column, search_key(*(getattr(self, source) for source in sources))[:max_length])
            filled.append(column)
        return filled

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        filled = self.fill_search_keys(update_fields)
        if update_fields is not None:
            kwargs["update_fields"] = [*update_fields, *(f for f in filled if f not in update_fields)]
        super().save(*args, **kwargs)


class SearchKeyQuerySet(models.QuerySet):
    """bulk_create and bulk_update skip save(): these fill the search columns of SearchKeyMixin first."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_search_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields, filled = list(objs), list(fields), set()
        for obj in objs:
            filled.update(obj.fill_search_keys(fields))
        return super().bulk_update(objs, [*fields, *sorted(filled - set(fields))], *args, **kwargs)


class FormToken(models.Model):
    """A create form's one-time token, consumed in the transaction that makes the record: the unique token
    turns a double post into one record, and the second post is sent to the first one's page."""

    token = models.UUIDField(_("mã một lần"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(_("địa chỉ kết quả"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mã biểu mẫu một lần")
        verbose_name_plural = _("mã biểu mẫu một lần")

    def __str__(self):
        return str(self.token)


class StoredFile(models.Model):
    """An uploaded file as every app keeps it: the name the user gave, the checked type, the size and the
    SHA-256 of the bytes (core.uploads.store_upload fills them). A subclass adds its own `file` field,
    whose upload_to names the folder, and its own uploaded_at."""

    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name
