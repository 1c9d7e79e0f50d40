from django.core.management.base import BaseCommand

from videoklub.recordings.tasks import cleanup_expired_uploads


class Command(BaseCommand):
    help = "Delete uploads whose last byte came longer than UPLOAD_EXPIRY_HOURS ago."

    def handle(self, *args, **options):
        removed = cleanup_expired_uploads()
        if removed or options["verbosity"] > 1:
            self.stdout.write(f"removed {removed} abandoned upload(s)")
