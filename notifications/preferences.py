"""Categories of messages a user may stop receiving by e-mail. Each app registers its own in
AppConfig.ready(); the preferences page lists them."""

_CATEGORIES: dict[str, str] = {}


def register_email_category(key: str, label) -> None:
    _CATEGORIES[key] = label


def email_categories() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in _CATEGORIES.items()]
