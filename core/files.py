from django.http import FileResponse, Http404


def protected_file(field, filename: str, content_type: str) -> FileResponse:
    """Serve an uploaded file after the caller's permission check (files are never served from
    MEDIA_URL); a file missing on disk is a 404, never a 500."""
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
