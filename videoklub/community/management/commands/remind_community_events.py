from django.core.management.base import BaseCommand

from videoklub.community.reminders import events_remind_tomorrow


class Command(BaseCommand):
    help = "Remind registered coaches of tomorrow's learning-community events (once each)."

    def handle(self, *args, **options):
        made = events_remind_tomorrow()
        if made or options["verbosity"] > 1:
            self.stdout.write(f"made {made} community reminder(s)")
