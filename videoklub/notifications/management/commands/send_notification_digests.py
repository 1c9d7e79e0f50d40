from django.core.management.base import BaseCommand

from videoklub.notifications.tasks import digests_send


class Command(BaseCommand):
    help = "E-mail the daily digest of notifications (once a day, from NOTIFICATION_DIGEST_HOUR)."

    def handle(self, *args, **options):
        sent = digests_send()
        if sent or options["verbosity"] > 1:
            self.stdout.write(f"sent {sent} notification digest(s)")
