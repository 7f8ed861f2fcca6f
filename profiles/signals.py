"""What profiles tell the apps above them (they subscribe in their AppConfig.ready; profiles imports none).

`profile_changed(sender=Profile, profile=...)`: sent inside the transaction of a change to what a
match reads (level, specialization, hours, availability, rate, time zone, skills, languages,
publication), after the change is written. Receivers run in that transaction.

`exchange_rates_changed(sender=ExchangeRate)`: sent inside a transaction after the profiles'
normalized rates were recomputed because the rates in force changed; amounts in other currencies
than the base (needs' budgets) compare differently now. Receivers run in that transaction.
"""

from django.dispatch import Signal

profile_changed = Signal()
exchange_rates_changed = Signal()
