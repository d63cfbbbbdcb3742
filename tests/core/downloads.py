"""Reading a download's name as a browser does (RFC 6266): `filename*=UTF-8''…` when given, else `filename`."""

import re
from urllib.parse import unquote


def download_name(response, *, inline: bool | None = None) -> str:
    """The decoded file name of `response`; checks the disposition (when `inline` is given) and that the
    plain `filename` every client reads is ASCII."""
    header = response["Content-Disposition"]
    disposition, _sep, params = header.partition(";")
    if inline is not None:
        assert disposition == ("inline" if inline else "attachment"), header
    plain = re.search(r'(?:^|;)\s*filename="([^"]*)"', params)
    assert plain is not None and plain.group(1).isascii(), header
    extended = re.search(r"(?:^|;)\s*filename\*=UTF-8''([^;\s]+)", params, flags=re.I)
    return unquote(extended.group(1), encoding="utf-8", errors="strict") if extended else plain.group(1)
