from django import template

from core.audit import action_label, diff_rows

register = template.Library()


@register.filter
def audit_action(action: str) -> str:
    return action_label(action)


@register.filter
def audit_rows(changes) -> list[tuple[str, str, str]]:
    """`{% for field, old, new in entry.changes|audit_rows %}`: any keys, any values (see core.audit.diff_rows)."""
    return diff_rows(changes)
