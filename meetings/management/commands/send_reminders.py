"""``manage.py send_reminders``: the day-before reminder e-mail, once per confirmed delegate.

Run it from a scheduler at least daily (e.g. cron ``0 7 * * *``); see meetings/reminders.py for
the window. Running it again sends nothing new.
"""

from django.core.management.base import BaseCommand

from meetings.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Kirim surel pengingat H-1 kepada peserta terkonfirmasi (sekali per peserta)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
