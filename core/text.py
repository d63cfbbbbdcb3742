"""Text helpers: Vietnamese names arrive in NFC or NFD depending on the keyboard; store NFC."""

import unicodedata


def normalize_text(value: str | None) -> str:
    """NFC-normalise and collapse runs of white space (names typed or pasted from Word)."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", value).split())
