"""Cells that name a record: an award of the catalogue (by code, name or short name), a unit (by code or
name). The records are loaded once per file (one query each), never once per row."""

from django.utils.translation import gettext as _

from units.models import Unit

from ..enums import Subject
from ..models import AwardType
from .cells import Cell, Fault, fold


class _AwardIndex:
    """Finds an award by its code, its name or its short name (in that order of preference)."""

    def __init__(self, awards):
        self.by_code: dict[str, list[AwardType]] = {}
        self.by_name: dict[str, list[AwardType]] = {}
        self.by_short: dict[str, list[AwardType]] = {}
        for award in awards:
            self.by_code.setdefault(award.code.casefold(), []).append(award)
            self.by_name.setdefault(fold(award.name), []).append(award)
            if award.short_name:
                self.by_short.setdefault(fold(award.short_name), []).append(award)

    def find(self, text: str) -> list[AwardType]:
        key = fold(text)
        candidates = self.by_code.get(key) or self.by_name.get(key) or self.by_short.get(key) or []
        if len(candidates) > 1:  # “GK huyện” is the short name of three awards: these files hold individuals
            individual = [a for a in candidates if a.subject == Subject.INDIVIDUAL]
            candidates = individual or candidates
        return candidates


class IndividualAward(Cell):
    """An award for an individual. `active_only`: only awards still given (a nominee); a ledger of past
    years accepts an award no longer used too."""

    blank = None
    refers = True

    def __init__(self, *, active_only: bool):
        self.active_only = active_only
        self.index = None

    def for_file(self):
        awards = AwardType.objects.filter(is_active=True) if self.active_only else AwardType.objects.all()
        bound = IndividualAward(active_only=self.active_only)
        bound.index = _AwardIndex(awards)
        return bound

    def parse(self, raw, text, column) -> AwardType:
        candidates = self.index.find(text)
        if not candidates:
            raise Fault(_("không có danh hiệu, hình thức “%(value)s”.") % {"value": text})
        if len(candidates) > 1:
            raise Fault(
                _("“%(value)s” khớp với nhiều danh hiệu, hình thức (%(names)s); hãy ghi mã.")
                % {"value": text, "names": "; ".join(a.name for a in candidates)}
            )
        award = candidates[0]
        if award.subject != Subject.INDIVIDUAL:
            raise Fault(
                _("“%(award)s” dành cho %(subject)s, không dùng cho cá nhân.")
                % {"award": award.name, "subject": Subject(award.subject).label.lower()}
            )
        return award

    def show(self, value, text):
        return value.name


class UnitRef(Cell):
    """A unit, by its code or its exact name; of one authority's units when `authority_id` is given (#13)."""

    blank = None
    refers = True

    def __init__(self, authority_id: int | None = None):
        self.authority_id = authority_id
        self.by_code: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}

    def for_file(self):
        bound = UnitRef(self.authority_id)
        units = Unit.objects.all() if self.authority_id is None else Unit.objects.filter(authority_id=self.authority_id)
        for unit in units:
            bound.by_code[unit.code.casefold()] = unit
            bound.by_name.setdefault(fold(unit.name), []).append(unit)
        return bound

    def parse(self, raw, text, column) -> Unit:
        key = fold(text)
        found = [self.by_code[key]] if key in self.by_code else self.by_name.get(key, [])
        if not found:
            raise Fault(_("không có đơn vị “%(value)s”.") % {"value": text})
        if len(found) > 1:
            raise Fault(_("có nhiều đơn vị tên “%(value)s”; hãy ghi mã đơn vị.") % {"value": text})
        return found[0]

    def show(self, value, text):
        return value.name
