from django.core.management.base import BaseCommand

from profiles.services import exchange_rates_apply


class Command(BaseCommand):
    help = "Recompute the profiles' normalized rates by the exchange rates in force today (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{exchange_rates_apply()} profiles changed")
