from django.core.management.base import BaseCommand

from demo.people import print_logins
from demo.scenario import load


class Command(BaseCommand):
    help = "Load the demo data through the services (idempotent: running it again creates nothing twice)."

    def handle(self, *args, **options):
        load(stdout=self.stdout)
        print_logins(self.stdout)
