"""The files of a dossier: uploaded and removed on the dossier's page, served only after its check."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actions import already_done, post_action, visible_or_404
from core.files import protected_file

from .. import services
from ..forms import AttachmentForm
from ..models import Attachment
from .common import cleaned, detail_url, dossier_or_404


@require_POST
@login_required
def attachment_upload(request, pk):
    dossier = dossier_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier)

    def upload():
        data = cleaned(form)
        return services.attachment_add(
            by=request.user, dossier=dossier, component=data["component"], upload=data["file"], nominee=data["nominee"]
        )

    return post_action(
        request,
        upload,
        success=lambda attachment: _("Đã tải lên %(name)s.") % {"name": attachment.original_name},
        redirect_to=detail_url(dossier, "tep-dinh-kem"),
        once=form.cleaned_data.get("once") if form.is_valid() else None,  # a double click uploads one file
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    """Files are served only here, after the dossier's permission check; never from MEDIA_URL."""
    dossier = dossier_or_404(request, pk)
    attachment = visible_or_404(request, Attachment.objects.filter(dossier=dossier), pk=attachment_pk)
    return protected_file(attachment.file, attachment.original_name, attachment.content_type)


@require_POST
@login_required
def attachment_delete(request, pk, attachment_pk):
    dossier = dossier_or_404(request, pk)
    attachment = Attachment.objects.filter(dossier=dossier, pk=attachment_pk).first()
    if attachment is None:  # a second click of "Xóa": the first one removed it
        return already_done(request, detail_url(dossier))
    return post_action(
        request,
        lambda: services.attachment_delete(by=request.user, attachment=attachment),
        success=_("Đã xóa tệp %(name)s.") % {"name": attachment.original_name},
        redirect_to=detail_url(dossier),
    )
