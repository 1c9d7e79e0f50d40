import time

from django.core.management.base import BaseCommand

from videoklub.accounts.exports import data_exports_delete_expired
from videoklub.recordings.retention import retention_apply
from videoklub.recordings.tasks import (
    cleanup_expired_uploads,
    recover_stalled_fragments,
    recover_stalled_recordings,
)


class Command(BaseCommand):
    help = (
        "Periodic upkeep: re-queue recordings and fragment jobs a killed worker left behind, "
        "delete abandoned "
        "uploads and expired data exports, and apply the retention periods (warn, delete). "
        "Run it once (from cron) or with --loop SECONDS beside the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, loop: float, **options):
        while True:
            recovered = recover_stalled_recordings()
            recovered_fragments = recover_stalled_fragments()
            cleaned = cleanup_expired_uploads()
            expired_exports = data_exports_delete_expired()
            retention_runs = retention_apply()
            if recovered or recovered_fragments or cleaned or options["verbosity"] > 1:
                self.stdout.write(
                    f"re-queued {recovered} recording(s), removed {cleaned} upload(s), "
                    f"re-queued {recovered_fragments} fragment job(s)"
                )
            if expired_exports or retention_runs or options["verbosity"] > 1:
                self.stdout.write(
                    f"removed {expired_exports} expired data export(s); retention: "
                    + ", ".join(
                        f"{run.programme}: deleted {run.deleted}, warned {run.warned}"
                        for run in retention_runs
                    )
                )
            if not loop:
                return
            time.sleep(loop)
