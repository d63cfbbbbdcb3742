"""A regime's successor, created in the dossiers admin ("Tạo chế độ kế tiếp"), takes its predecessor's bonus
rounding and fund source too: dossiers copies its own rules and tells whoever listens (dossiers may not import
awards)."""

from django.dispatch import receiver

from dossiers.services.regimes import regime_succeeded

from .models import BonusPolicy


@receiver(regime_succeeded, dispatch_uid="awards.bonus_policy_follows_regime")
def bonus_policy_follows(sender, *, regime, source, **kwargs) -> None:
    policy = BonusPolicy.objects.filter(regime=source).first()
    if policy is not None:
        BonusPolicy.objects.get_or_create(
            regime=regime, defaults={"rounding_mode": policy.rounding_mode, "fund_source": policy.fund_source}
        )
