"""Vietnamese labels of audit actions: each app registers its own in AppConfig.ready()."""

_LABELS: dict[str, str] = {}


def register_action_labels(labels: dict[str, str]) -> None:
    _LABELS.update(labels)


def action_label(action: str) -> str:
    return str(_LABELS.get(action, action))
