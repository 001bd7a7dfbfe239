from importlib import import_module

from django.core.management.base import BaseCommand

from agencies import demo as agencies_demo
from meetings import demo as meetings_demo


class Command(BaseCommand):
    help = "Load the demo: organiser, agencies, users per role, meetings. Safe to re-run."

    def handle(self, *args, **options):
        logins = agencies_demo.load_demo()
        meetings_demo.load_demo()
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo (nama pengguna / kata sandi):"))
        for username, password, role in logins:
            self.stdout.write(f"  {username:<16} {password:<16} {role}")
        invitation = meetings_demo.example_invitation()
        if invitation is not None:
            self.stdout.write(
                f"Contoh tautan undangan {invitation.meeting.title} ({invitation.agency.short_name}): "
                f"http://127.0.0.1:8000{invitation.registration_url()}"
            )
        for line in import_module("programs.demo").load_demo():  # until rakor's load_demo asks every app
            self.stdout.write(line)
        self.stdout.write("Buka http://127.0.0.1:8000/")
