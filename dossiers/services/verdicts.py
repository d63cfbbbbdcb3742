"""The automatic verdict of every nominee (dossiers.eligibility's rules over the ledger and the dossier),
recomputed whenever the dossier changes."""

import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Authority, Threshold

from .. import eligibility
from ..enums import DossierStatus, EligibilityRule
from ..models import AwardRecord, AwardRule, Dossier, Nominee, Regime
from ..selectors import missing_components


def _regime_words(regime: Regime) -> str:
    return _("chế độ %(name)s") % {"name": regime.name}


def catalogue_quota(regime: Regime | None) -> Threshold:
    """The CSTĐCS quota of the legal catalogue, for an authority (and those above it) that sets none."""
    if regime is None:
        return Threshold(None, Threshold.CATALOGUE, _("danh mục pháp lý (không giới hạn)"))
    if regime.cstdcs_quota_percent is None:
        return Threshold(None, Threshold.CATALOGUE, _("%(regime)s (không giới hạn)") % {"regime": _regime_words(regime)})
    return Threshold(regime.cstdcs_quota_percent, Threshold.CATALOGUE, _regime_words(regime))


def catalogue_processing_days() -> Threshold:
    """The catalogue decides award by award (AwardRule.processing_days), so no one value: the words say which."""
    regime = Regime.for_date(timezone.localdate())
    days = sorted(set(AwardRule.objects.filter(regime=regime).values_list("processing_days", flat=True))) if regime else []
    if not days:
        return Threshold(None, Threshold.CATALOGUE, _("thời hạn của từng danh hiệu trong danh mục (20 ngày làm việc)"))
    listed = str(days[-1]) if len(days) == 1 else ", ".join(str(d) for d in days[:-1]) + " hoặc " + str(days[-1])
    words = _("thời hạn của từng danh hiệu trong danh mục của %(regime)s (%(days)s ngày làm việc)")
    return Threshold(None, Threshold.CATALOGUE, words % {"regime": _regime_words(regime), "days": listed})


def register_catalogue_thresholds() -> None:
    """The authority pages (units, below dossiers) show what is in force where no authority sets a threshold
    (called once, from DossiersConfig.ready)."""
    Authority.catalogue_thresholds.update(
        cstdcs_quota_percent=lambda: catalogue_quota(Regime.for_date(timezone.localdate())),
        processing_days=catalogue_processing_days,
    )


def quota_in_force(dossier: Dossier, regime: Regime | None, authority: Authority | None = None) -> Threshold:
    """The CSTĐCS quota for a dossier: its authority's, or the one above's, or the regime's (one query a level
    at most: the authority with the two above it in one; none when `authority` was read with them)."""
    if authority is None:
        authority = Authority.objects.select_related("parent__parent").get(pk=dossier.authority_id)
    return authority.threshold("cstdcs_quota_percent", catalogue=catalogue_quota(regime))


def receipt_day(dossier: Dossier) -> tuple[datetime.date, str]:
    """The date whose regime governs the dossier, and how the verdict names it: the day it was received, else the
    day it was sent, else today for a draft (Luật 06/2026/QH16: the law follows the receipt date)."""
    if dossier.received_at:
        return timezone.localdate(dossier.received_at), _("tiếp nhận")
    if dossier.submitted_at:
        return timezone.localdate(dossier.submitted_at), _("gửi")
    return timezone.localdate(), _("lập")


def _option(regime: Regime | None, context: dict, dossier: Dossier, authority: Authority) -> eligibility.RegimeOption:
    """What one regime makes of the round's context: its minimum months and CSTĐCS quota (no query)."""
    quota = quota_in_force(dossier, regime, authority)
    quota_source = ""
    if quota.source != Threshold.CATALOGUE:
        quota_source = _("tỷ lệ do %(authority)s quy định") % {"authority": quota.where}
    rules = eligibility.Context(
        min_working_months=regime.min_working_months if regime else 6,
        cstdcs_quota_percent=quota.value,
        cstdcs_quota_source=quota_source,
        **context,
    )
    if regime is None:
        return eligibility.RegimeOption(name="", starts=datetime.date.min, label="", context=rules)
    return eligibility.RegimeOption(name=regime.name, starts=regime.valid_from, label=regime.label, context=rules)


# A unit's dossiers that no longer propose anyone: withdrawn. Decided ones keep the verdicts they were judged by.
NOT_PROPOSING = (DossierStatus.WITHDRAWN,)
SETTLED = (DossierStatus.WITHDRAWN, DossierStatus.DECIDED, DossierStatus.CLOSED)


def unit_round_counts(dossier: Dossier) -> tuple[int, int]:
    """The LĐTT and CSTĐCS the dossier's unit proposes in the dossier's round, across all of its dossiers (one
    query): the CSTĐCS quota is the unit's in the round, so splitting the proposals does not escape it."""
    counts = dict(
        Nominee.objects.filter(
            dossier__unit_id=dossier.unit_id,
            dossier__round_id=dossier.round_id,
            award__eligibility_rule__in=[EligibilityRule.LDTT, EligibilityRule.CSTDCS],
        )
        .exclude(dossier__status__in=NOT_PROPOSING)
        .order_by()
        .values_list("award__eligibility_rule")
        .annotate(n=Count("id"))
    )
    return counts.get(EligibilityRule.LDTT, 0), counts.get(EligibilityRule.CSTDCS, 0)


def _refresh_siblings(dossier: Dossier) -> None:
    """The unit's other open dossiers of the round that propose a CSTĐCS: their quota counts this one too."""
    siblings = (
        Dossier.objects.filter(
            unit_id=dossier.unit_id, round_id=dossier.round_id, nominees__award__eligibility_rule=EligibilityRule.CSTDCS
        )
        .exclude(pk=dossier.pk)
        .exclude(status__in=SETTLED)
        .select_related("round")
        .distinct()
    )
    for sibling in siblings:
        eligibility_refresh(dossier=sibling, siblings=False)


def eligibility_refresh(*, dossier: Dossier, submitted_on: datetime.date | None = None, siblings: bool = True) -> list[Nominee]:
    """Recompute every nominee's automatic verdict (a handful of queries whatever the size), and the CSTĐCS
    verdicts of the unit's other dossiers in the round (`siblings`), whose quota this dossier's counts change."""
    if siblings:
        _refresh_siblings(dossier)
    nominees = list(dossier.nominees.select_related("award"))
    if not nominees:
        return []
    received_on, dated = receipt_day(dossier)
    choice = Regime.choose(received_on, timezone.localdate())
    authority = Authority.objects.select_related("parent__parent").get(pk=dossier.authority_id)
    year = dossier.round.year
    missing = missing_components(dossier, nominees=nominees, attachments=dossier.attachments.all())
    person_ids = {n.person_id for n in nominees if n.person_id}
    held: dict[int, set[int]] = {}
    for person_id, held_year in AwardRecord.objects.filter(
        person_id__in=person_ids, award__eligibility_rule=EligibilityRule.CSTDCS
    ).values_list("person_id", "year"):
        held.setdefault(person_id, set()).add(held_year)
    proposed_cstdcs = {n.person_id for n in nominees if n.award.eligibility_rule == EligibilityRule.CSTDCS and n.person_id}
    unit_ldtt, unit_cstdcs = unit_round_counts(dossier)
    if submitted_on is None and dossier.submitted_at:
        submitted_on = timezone.localtime(dossier.submitted_at).date()
    for nominee in nominees:
        years = set(held.get(nominee.person_id, set()))
        if nominee.person_id in proposed_cstdcs:
            years.add(year)
        context = dict(
            year=year,
            cstdcs_years=frozenset(years),
            unit_ldtt_count=unit_ldtt,
            unit_cstdcs_count=unit_cstdcs,
            missing_components=tuple(missing.get(nominee.pk, [])),
            submitted_on=submitted_on,
            submission_deadline=dossier.round.submission_deadline,
            ceremony_date=dossier.round.ceremony_date,
            min_days_before_ceremony=dossier.round.min_days_before_ceremony,
        )
        governing = _option(choice.governing, context, dossier, authority)
        favourable = ()
        if choice.governing is not None:  # no regime on the receipt date (before the catalogue begins): nothing to weigh
            favourable = tuple(_option(regime, context, dossier, authority) for regime in choice.favourable)
        facts = eligibility.Facts(
            rule=nominee.award.eligibility_rule,
            award_name=nominee.award.name,
            award_subject=nominee.award.subject,
            subject=nominee.subject,
            task_rating=nominee.task_rating,
            months_worked=nominee.months_worked,
            discipline=nominee.discipline,
            initiative_ref=nominee.initiative_ref,
            member_count=nominee.member_count,
            members_completing=nominee.members_completing,
            ldtt_count=nominee.ldtt_count,
            cstdcs_count=nominee.cstdcs_count,
            disciplined_members=nominee.disciplined_members,
        )
        result = eligibility.evaluate_across(facts, governing, favourable, received_on=received_on, dated=dated)
        nominee.verdict, nominee.verdict_reasons = result.verdict, result.reasons
    Nominee.objects.bulk_update(nominees, ["verdict", "verdict_reasons"], batch_size=500)
    return nominees
