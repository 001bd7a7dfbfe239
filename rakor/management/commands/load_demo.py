"""Load every app's demo data; each app that has one contributes ``<app>/demo.py``.

The convention: ``<app>.demo.load_demo()`` creates the app's demo data (idempotently) and returns a
list of lines to print after the header, e.g. the demo logins or a link to try. The apps are asked
in INSTALLED_APPS order, so an app's demo may rely on the demos of the apps it depends on.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand


def _demo_module(config):
    try:
        return importlib.import_module(f"{config.name}.demo")
    except ModuleNotFoundError as exc:
        # Only a missing demo module means "no demo"; a broken import inside one must surface.
        if exc.name == f"{config.name}.demo":
            return None
        raise


class Command(BaseCommand):
    help = "Load the demo: organiser, agencies, users per role, meetings. Safe to re-run."

    def handle(self, *args, **options):
        lines = []
        for config in apps.get_app_configs():
            module = _demo_module(config)
            if module is not None and hasattr(module, "load_demo"):
                lines.extend(module.load_demo())
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo (nama pengguna / kata sandi):"))
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("Buka http://127.0.0.1:8000/")
