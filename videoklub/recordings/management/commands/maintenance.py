import time

from django.core.management.base import BaseCommand

from videoklub.recordings.tasks import cleanup_expired_uploads, recover_stalled_recordings


class Command(BaseCommand):
    help = (
        "Periodic upkeep: re-queue recordings a killed worker left behind and delete abandoned "
        "uploads. Run it once (from cron) or with --loop SECONDS beside the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, loop: float, **options):
        while True:
            recovered = recover_stalled_recordings()
            cleaned = cleanup_expired_uploads()
            if recovered or cleaned or options["verbosity"] > 1:
                self.stdout.write(
                    f"re-queued {recovered} recording(s), removed {cleaned} upload(s)"
                )
            if not loop:
                return
            time.sleep(loop)
