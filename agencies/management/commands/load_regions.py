from django.core.management.base import BaseCommand

from agencies.services import load_regions


class Command(BaseCommand):
    help = "Load Kemendagri region codes (provinces, regencies/cities, Kaltim districts and villages)."

    def handle(self, *args, **options):
        counts = load_regions()
        if options["verbosity"] >= 1:
            for kind, count in counts.items():
                self.stdout.write(f"{kind}: {count}")
