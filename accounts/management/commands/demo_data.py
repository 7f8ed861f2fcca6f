from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from accounts.demo import print_logins

# Each app loads its own part of the story, in this order. Every loader is idempotent.
LOADERS = [
    "accounts.demo.load",
    "vetting.demo.load",
    "profiles.demo.load",
    "needs.demo.load",
    "matching.demo.load",
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again creates nothing twice)."

    def handle(self, *args, **options):
        for dotted in LOADERS:
            with transaction.atomic():
                import_string(dotted)(stdout=self.stdout)

        print_logins(self.stdout)
