from django import template

from clusters.scoring import format_points

register = template.Library()


@register.filter
def pts(value):
    """Points the Vietnamese way: 12,5 — 10 — “—” when empty."""
    return format_points(value)


@register.filter
def input_pts(value):
    """Points for an input box (empty when not scored yet)."""
    return "" if value is None else format_points(value)
