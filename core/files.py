"""Downloads: an uploaded file served after a permission check, and the one way every download names its
file (a Vietnamese name as browsers read it)."""

import unicodedata
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse

# Characters a file name may not hold on Windows or in a header, each replaced by a hyphen ("15/QĐ-UBND").
_UNSAFE = str.maketrans({char: "-" for char in '/\\:*?"<>|'})


def download_name(name: str) -> str:
    """The name a person recognises, safe on every system: NFC, no control characters, "/" and the other
    characters Windows refuses made hyphens, spaces collapsed ("Quyết định 15/QĐ-UBND.pdf" →
    "Quyết định 15-QĐ-UBND.pdf")."""
    name = unicodedata.normalize("NFC", name).translate(_UNSAFE)
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    return " ".join(name.split()) or "tep"


def ascii_name(name: str) -> str:
    """The fallback for clients that do not read `filename*`: the same name without diacritics (đ → d)."""
    folded = unicodedata.normalize("NFD", download_name(name)).replace("đ", "d").replace("Đ", "D")
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return folded.encode("ascii", "ignore").decode() or "tep"


def content_disposition(name: str, *, inline: bool = False) -> str:
    """A Content-Disposition header naming the file in Vietnamese (RFC 6266, RFC 5987 `filename*=UTF-8''…`)
    with its ASCII form in `filename` first for older clients; a plain ASCII name is given once. This is
    django.utils.http.content_disposition_header plus the fallback it leaves out."""
    disposition = "inline" if inline else "attachment"
    name = download_name(name)
    fallback = ascii_name(name)
    if fallback == name:
        return f'{disposition}; filename="{name}"'
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def named(response: HttpResponse, name: str, *, inline: bool = False) -> HttpResponse:
    """`response` sent as the file `name` (a PDF of the portal's own opens in the browser: `inline`)."""
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    return response


def protected_file(field, filename: str, content_type: str, *, inline: bool = False) -> FileResponse:
    """Serve an uploaded file after the caller's permission check (files are never served from
    MEDIA_URL); a file missing on disk is a 404, never a 500. `inline`: a document of the portal's
    own (a PDF it rendered) opens in the browser instead of downloading."""
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=not inline, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return named(response, filename, inline=inline)
