from django.core.management.base import BaseCommand

from videoklub.privacy.exports import data_exports_delete_expired


class Command(BaseCommand):
    help = 'Delete "my data" zip files whose download period ran out.'

    def handle(self, *args, **options):
        removed = data_exports_delete_expired()
        if removed or options["verbosity"] > 1:
            self.stdout.write(f"removed {removed} expired data export(s)")
