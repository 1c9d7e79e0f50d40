from django.core.management.base import BaseCommand

from videoklub.courses.starter import starter_courses_load


class Command(BaseCommand):
    help = (
        "Publish the shipped e-courses that are missing (safe to run again); --update also "
        "brings edited ones back to the shipped text."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--update", action="store_true")

    def handle(self, *args, update: bool, **options) -> None:
        published = starter_courses_load(update=update)
        self.stdout.write(f"{len(published)} course(s) published.")
