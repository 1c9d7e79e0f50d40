from django.core.management.base import BaseCommand

from videoklub.recordings.tasks import recover_stalled_fragments, recover_stalled_recordings


class Command(BaseCommand):
    help = "Re-queue the recordings and fragment jobs (exports, blurring) a killed worker left."

    def handle(self, *args, **options):
        recordings = recover_stalled_recordings()
        fragments = recover_stalled_fragments()
        if recordings or fragments or options["verbosity"] > 1:
            self.stdout.write(
                f"re-queued {recordings} recording(s) and {fragments} fragment job(s)"
            )
