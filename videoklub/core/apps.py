from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using: str, **kwargs) -> None:
    """`migrate` also makes the table of the database cache (the embedded default, which holds
    the rate limits), so no deployment can forget it. A no-op for Redis or a table that exists;
    sent once per app, and cheap: the command only looks whether the table is there."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "videoklub.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from videoklub.core.admin_labels import apply_dutch_admin_labels

        post_migrate.connect(create_cache_table, dispatch_uid="create_cache_table")
        apply_dutch_admin_labels()
