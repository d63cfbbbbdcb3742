from django.http import FileResponse, Http404


def protected_file(field, filename: str, content_type: str, *, inline: bool = False) -> FileResponse:
    """Serve an uploaded file after the caller's permission check (files are never served from
    MEDIA_URL); a file missing on disk is a 404, never a 500. `inline`: a document of the portal's
    own (a PDF it rendered) opens in the browser instead of downloading."""
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
