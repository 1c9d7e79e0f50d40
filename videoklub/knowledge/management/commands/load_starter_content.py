from django.core.management.base import BaseCommand

from videoklub.knowledge.starter import starter_content_load


class Command(BaseCommand):
    help = (
        "Publish the knowledge base's shipped kennisdossiers that are missing (safe to run "
        "again); --update also brings edited ones back to the shipped text."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--update", action="store_true")

    def handle(self, *args, update: bool, **options) -> None:
        published = starter_content_load(update=update)
        self.stdout.write(f"{len(published)} dossier(s) published.")
