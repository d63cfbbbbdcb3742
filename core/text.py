"""Text helpers: Vietnamese names arrive in NFC or NFD depending on the keyboard; store NFC."""

import unicodedata


def normalize_text(value: str | None) -> str:
    """NFC-normalise and collapse runs of white space (names typed or pasted from Word)."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", value).split())


def search_key(*values: str | None) -> str:
    """The form every search compares, typed and stored alike: NFC or NFD in, lower case, without
    diacritics (đ → d), white space collapsed — "  Nguyễn  Văn Đức" → "nguyen van duc". What Vietnamese
    users type without accents finds what was saved with them, on SQLite and PostgreSQL alike."""
    text = " ".join(str(value) for value in values if value)
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("đ", "d").replace("Đ", "D")
    return " ".join(text.lower().split())


def search_q(query: str | None, *, folded: tuple[str, ...] = (), exact: tuple[str, ...] = (), extra=()):
    """A filter for a search box: every word of `query` occurs, accents and case aside, in one of the
    `folded` columns (search keys written by SearchKeyMixin) or in a condition built by `extra(word)`, or the
    whole query (NFC) occurs case-insensitively in one of the `exact` columns (usernames, numbers).
    None for an empty query."""
    from django.db.models import Q

    words = search_key(query).split()
    if not words:
        return None
    every_word = Q()
    for word in words:
        one_of = Q()
        for column in folded:
            one_of |= Q(**{f"{column}__contains": word})
        for build in extra:
            one_of |= Q(build(word))
        every_word &= one_of
    text = normalize_text(query)
    for column in exact:
        every_word |= Q(**{f"{column}__icontains": text})
    return every_word
