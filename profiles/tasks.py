from celery import shared_task

from .services import exchange_rates_apply


@shared_task
def apply_exchange_rates() -> int:
    """Beat, daily: a rate dated ahead comes into force (profiles.services.exchange_rates_apply)."""
    return exchange_rates_apply()
