"""Vietnamese labels of audit actions: each app registers its own in AppConfig.ready()."""

_LABELS: dict[str, str] = {}


def register_action_labels(labels: dict[str, str]) -> None:
    _LABELS.update(labels)


def action_label(action: str) -> str:
    return str(_LABELS.get(action, action))


def _shown(value) -> str:
    """One side of a change as a person reads it: empty as ∅, lists joined, mappings as key: value."""
    if value is None or value == "" or value == [] or value == {}:
        return "∅"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_shown(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item) for item in value)
    return str(value)


def diff_rows(changes) -> list[tuple[str, str, str]]:
    """An audit entry's changes as (field, old, new) rows, whatever they hold.

    A diff is {field: [old, new]}, but some entries record a value that is not a pair (an agenda's
    `items`, a list of ids) or a whole list; and a key may be named `items`, `keys` or `values`, which a
    template would take for the dict's method. Doing it here keeps every key a plain string."""
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [("", "∅", _shown(changes))]
    rows = []
    for field, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            rows.append((str(field), _shown(value[0]), _shown(value[1])))
        else:
            rows.append((str(field), "∅", _shown(value)))
    return rows
