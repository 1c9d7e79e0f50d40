from django.core.management.base import BaseCommand

from videoklub.cycles.reminders import actions_remind_due


class Command(BaseCommand):
    help = "Remind teachers of their actions due within two days (once per action and date)."

    def handle(self, *args, **options):
        made = actions_remind_due()
        if made or options["verbosity"] > 1:
            self.stdout.write(f"made {made} action reminder(s)")
