from django.core.management.base import BaseCommand

from videoklub.knowledge.tasks import recover_stalled_knowledge_videos


class Command(BaseCommand):
    help = "Re-queue the kennisbank videos a killed worker left half processed."

    def handle(self, *args, **options):
        count = recover_stalled_knowledge_videos()
        if count or options["verbosity"] > 1:
            self.stdout.write(f"re-queued {count} kennisbank video(s)")
