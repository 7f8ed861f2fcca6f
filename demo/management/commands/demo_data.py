from django.core.management.base import BaseCommand

import demo
from demo.people import print_logins


class Command(BaseCommand):
    help = "Load the demo data through the services (idempotent: running it again creates nothing twice)."

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
        print_logins(self.stdout)
