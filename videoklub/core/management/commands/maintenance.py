import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Periodic upkeep: runs every command of settings.PERIODIC_COMMANDS (re-queue what a "
        "killed worker left, delete abandoned uploads and expired data exports, apply the "
        "retention periods). Run it once (from cron) or with --loop SECONDS beside the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, loop: float, **options):
        # Each job is a command of the app that owns it, called by name: this floor imports
        # none of them, and each job can also be run (and tested) on its own.
        while True:
            for name in settings.PERIODIC_COMMANDS:
                call_command(name, verbosity=options["verbosity"], stdout=self.stdout)
            if not loop:
                return
            time.sleep(loop)
