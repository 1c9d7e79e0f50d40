from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from videoklub.bookclubs.demo import seed_demo_bookclubs
from videoklub.community.demo import seed_demo_community
from videoklub.demo.courses import seed_demo_courses
from videoklub.demo.monitoring import seed_demo_monitoring
from videoklub.demo.people import DEMO_PASSWORD, seed_demo
from videoklub.demo.work import seed_demo_work
from videoklub.festival.demo import seed_demo_festival
from videoklub.intervision.demo import seed_demo_intervision
from videoklub.knowledge.starter import starter_content_load


class Command(BaseCommand):
    help = "Create the demo programme, schools, klubs and people (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument(
            "--no-video",
            action="store_true",
            help="Skip the synthetic lesson video (and the fragment and session made from it).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also run when DEBUG is off (demo accounts have a known password).",
        )

    def handle(self, *args, password: str, force: bool, no_video: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off. "
                "Use --force on a demo server."
            )
        logins = seed_demo(password)
        if seed_demo_work(with_video=not no_video):
            self.stdout.write("Demo cycles, a lesson recording and a klub session added.")
        if starter_content_load():
            self.stdout.write("The knowledge base's starter dossiers published.")
        if seed_demo_courses():
            self.stdout.write("The starter e-courses published, the demo teacher enrolled in one.")
        if seed_demo_bookclubs():
            self.stdout.write(
                "A running book club at De Speelvogel (Lotte Peeters facilitates) added."
            )
        if seed_demo_community():
            self.stdout.write("The coaches' learning-community year added.")
        if seed_demo_intervision():
            self.stdout.write("An intervision round with a group of three coaches added.")
        if seed_demo_festival():
            self.stdout.write("A Filmfestival in preparation added, with a submission.")
        if seed_demo_monitoring():
            self.stdout.write("The programme's targets, milestones and a year of activity added.")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with password: " + password))
        for login in logins:
            self.stdout.write(f"  {login.role:<36} {login.email:<40} ({login.name})")
