"""A link into one authority (#13): a person may hold roles in several authorities but acts in one at a
time, and every page is scoped to that one. A link about another authority's record carries
`?co_quan=<authority pk>`; accounts.middleware switches the session there when the person may act there
(never a privilege: it only chooses among their own authorities) and goes on to the page without it."""

AUTHORITY_PARAM = "co_quan"


def in_authority(url: str, authority_id: int | None) -> str:
    """`url` opening in `authority_id` (unchanged when either is empty); a fragment stays at the end."""
    if not url or authority_id is None:
        return url
    url, hash_, fragment = url.partition("#")
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}{AUTHORITY_PARAM}={int(authority_id)}{hash_}{fragment}"
