from django.core.management.base import BaseCommand

from videoklub.recordings.retention import retention_apply


class Command(BaseCommand):
    help = "Apply each programme's retention period: warn owners, delete what expired."

    def handle(self, *args, **options):
        runs = retention_apply()
        if runs or options["verbosity"] > 1:
            self.stdout.write(
                "retention: "
                + (
                    ", ".join(
                        f"{run.programme}: deleted {run.deleted}, warned {run.warned}"
                        for run in runs
                    )
                    or "nothing to do"
                )
            )
