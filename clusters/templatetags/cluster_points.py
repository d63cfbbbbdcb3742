from django import template

from clusters.scoring import format_points
from clusters.selectors import card_state as _card_state

register = template.Library()


@register.filter
def pts(value):
    """Points the Vietnamese way: 12,5 — 10 — “—” when empty."""
    return format_points(value)


@register.filter
def input_pts(value):
    """Points for an input box (empty when not scored yet)."""
    return "" if value is None else format_points(value)


@register.filter
def card_state(card, group):
    """A score card's state naming who really has it: {{ card|card_state:group }} (clusters.selectors.card_state)."""
    return _card_state(card, group)
