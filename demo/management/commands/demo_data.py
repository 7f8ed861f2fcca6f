from django.core.management.base import BaseCommand

from demo.funnel import APPLICANTS
from demo.people import print_logins
from demo.scenario import load


class Command(BaseCommand):
    help = "Load the demo data through the services (idempotent: running it again creates nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--applicants",
            type=int,
            default=APPLICANTS,
            help=f"applicants over the funnel's year (default {APPLICANTS}; about one in nine is accepted)",
        )

    def handle(self, *args, applicants: int, **options):
        load(stdout=self.stdout, applicants=applicants)
        print_logins(self.stdout)
