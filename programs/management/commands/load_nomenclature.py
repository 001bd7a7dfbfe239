from django.core.management.base import BaseCommand

from programs.nomenclature import load_bundled


class Command(BaseCommand):
    help = "Load the bundled PMD nomenclature (programs/data/nomenklatur_pmd.csv). Safe to re-run."

    def handle(self, *args, **options):
        edition, count = load_bundled()
        if options["verbosity"]:
            self.stdout.write(f"{edition}: {count} kode.")
