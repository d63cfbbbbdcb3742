"""JSON only, with a size limit (attachments travel inside as base64) and strict parsing."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from .exceptions import RequestTooLarge


def _reject_constant(name):
    raise ValueError(name)


def _too_large() -> RequestTooLarge:
    limit_mb = settings.API_MAX_REQUEST_BYTES // (1024 * 1024)
    return RequestTooLarge(_("Nội dung gửi lên vượt giới hạn %(limit)s MB.") % {"limit": limit_mb})


class LimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_REQUEST_BYTES
        request = (parser_context or {}).get("request")
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        except ValueError:
            declared = 0
        if declared > limit:
            raise _too_large()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise _too_large()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(raw.decode(encoding), parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise exceptions.ParseError(_("Nội dung gửi lên không phải JSON hợp lệ.")) from exc
