from django.conf import settings
from django.core.management.base import BaseCommand

from documents.signing import DEMO_COMMON_NAME, make_demo_p12


class Command(BaseCommand):
    help = (
        "Create the self-signed demo signing certificate (settings.RAKOR_SIGNING_DEMO_P12) if it "
        "does not exist yet. Documents signed with it say they carry a demo signature."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Replace an existing demo certificate.")

    def handle(self, *args, force=False, **options):
        path = settings.RAKOR_SIGNING_DEMO_P12
        if path.exists() and not force:
            if options["verbosity"] >= 1:
                self.stdout.write(f"Demo certificate already exists: {path}")
            return
        make_demo_p12(path)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Demo certificate created: {path} ({DEMO_COMMON_NAME})"))
