from django.core.management.base import BaseCommand

from agencies.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo: DPMPD Kaltim as organiser, the regencies' agencies, one user per role. Safe to re-run."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins (user name / password):"))
        for username, password, role in logins:
            self.stdout.write(f"  {username:<14} {password:<14} {role}")
