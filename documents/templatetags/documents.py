"""Filters and tags for templates/documents/: {% load documents %}."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from documents import formatting
from documents.qr import qr_svg

register = template.Library()

register.filter("nd30_date", formatting.nd30_date)
register.filter("dmy", formatting.dmy)
register.filter("clock", formatting.clock)
register.filter("money", formatting.money)
register.filter("upper_vi", formatting.upper_vi)
register.filter("two_digits", formatting.two_digits)
register.filter("issuer_lines", formatting.issuer_lines)

_DASH = re.compile(r"(?<= [–-]) ")


@register.filter
def issuer_html(name) -> str:
    """The issuing body's name for the header: body and place on their own lines, and a long name with a
    dash wraps only after the dash ("HỘI ĐỒNG THI ĐUA –" / "KHEN THƯỞNG HUYỆN")."""
    lines = []
    for line in formatting.issuer_lines(name):
        parts = _DASH.split(line)
        if len(parts) == 1:
            lines.append(format_html("{}", line))
        else:
            lines.append(mark_safe(" ".join(format_html('<span class="nowrap">{}</span>', part) for part in parts)))
    return mark_safe("<br>".join(lines))


_ARTICLE = re.compile(r"^\s*(Điều\s+\d+\s*\.)\s*(.*)$", re.DOTALL)


@register.filter
def article(text: str) -> str:
    """An article ("Điều 1. Tặng …"): the label in bold, the rest as plain (escaped) text."""
    match = _ARTICLE.match(text or "")
    if not match:
        return text
    return format_html("<strong>{}</strong> {}", match[1], match[2])


@register.filter
def paragraphs(text) -> list[str]:
    """A text or a list of texts → its non-empty lines, one paragraph each."""
    if not text:
        return []
    lines = text if isinstance(text, list | tuple) else str(text).splitlines()
    return [line.strip() for line in lines if line and line.strip()]


@register.filter
def css_number(value) -> str:
    """A number for CSS whatever the active locale (Vietnamese would write 12,5)."""
    return f"{float(value or 0):.2f}".rstrip("0").rstrip(".")


@register.filter
def one_of(value, allowed: str) -> str:
    """A CSS keyword from data, kept to the allowed list ("left,center,right"); else the first of them."""
    choices = [choice.strip() for choice in allowed.split(",")]
    return value if value in choices else choices[0]


@register.filter
def sum_amount(rows) -> int:
    return sum(int(row.get("amount") or 0) for row in rows or [])


@register.simple_tag
def qr(url: str) -> str:
    return mark_safe(qr_svg(url))  # segno's own markup: the URL is drawn as modules, never inserted as text


@register.simple_tag
def annex_sections(individuals=None, collectives=None, households=None) -> list[dict]:
    """The non-empty sections of an annex list, numbered I, II, III in order (empty ones are left out).

    `show_award` is true when a section's rows carry more than one award, so it needs that column."""
    candidates = (
        ("individual", "Cá nhân", individuals),
        ("collective", "Tập thể", collectives),
        ("household", "Hộ gia đình", households),
    )
    sections = [
        {"kind": kind, "label": label, "rows": rows, "total": sum_amount(rows)} for kind, label, rows in candidates if rows
    ]
    for index, section in enumerate(sections):
        section["numeral"] = formatting.ROMAN[index]
        section["show_award"] = len({row.get("award") or "" for row in section["rows"]}) > 1
    return sections


@register.simple_tag
def unit_groups(rows, by_unit=None) -> list[dict]:
    """Payout rows grouped by unit, in the order of `by_unit` (its count and amount are the subtotal);
    units found only in `rows` follow, with subtotals counted here. Rows get "stt", 1… across groups."""
    groups: dict[str, dict] = {}
    for entry in by_unit or []:
        groups[entry["unit"]] = {"unit": entry["unit"], "count": entry.get("count"), "amount": entry.get("amount"), "rows": []}
    for row in rows or []:
        unit = row.get("unit") or ""
        group = groups.setdefault(unit, {"unit": unit, "count": None, "amount": None, "rows": []})
        group["rows"].append(row)
    result = []
    serial = 0
    for group in groups.values():
        if not group["rows"]:
            continue
        if group["count"] is None:
            group["count"] = len(group["rows"])
        if group["amount"] is None:
            group["amount"] = sum_amount(group["rows"])
        numbered = []
        for row in group["rows"]:
            serial += 1
            numbered.append({**row, "stt": serial})
        group["rows"] = numbered
        result.append(group)
    return result


@register.simple_tag(takes_context=True)
def blank_field_text(context, field: dict) -> str:
    """The text a blank-form field prints (its prefix included), taken from the certificate context."""
    signer = context.get("signer") or {}
    decision = context.get("decision_number") or ""
    if decision and context.get("decision_date"):
        decision = f"{decision}, ngày {formatting.dmy(context['decision_date'])}"
    place_date = ""
    if context.get("date"):
        place = context.get("place_name") or (context.get("authority") or {}).get("place_name", "")
        place_date = f"{place}, {formatting.nd30_date(context['date'])}" if place else formatting.nd30_date(context["date"])
    values = {
        "recipient": [context.get("recipient")],
        "detail": [context.get("recipient_detail")],
        "achievement": [context.get("award_line"), context.get("achievement")],
        "decision": [decision],
        "register_number": [context.get("register_number")],
        "place_date": [place_date],
        "signer_title": [signer.get("on_behalf"), signer.get("signing_line"), signer.get("title")],
        "signer_name": [signer.get("name")],
    }
    lines = [str(value) for value in values.get(field.get("field"), []) if value]
    if not lines:
        return ""
    lines[0] = f"{field.get('prefix') or ''}{lines[0]}"
    return format_html("{}", lines[0]) if len(lines) == 1 else mark_safe("<br>".join(format_html("{}", x) for x in lines))
