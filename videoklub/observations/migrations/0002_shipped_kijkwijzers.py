"""The seven shipped kijkwijzers (content in videoklub/observations/shipped.py).

Idempotent: running it again (or `framework_seed_shipped()`) updates, never duplicates.
"""

from django.db import migrations


def seed_shipped(apps, schema_editor):
    from videoklub.observations.services import framework_seed_shipped

    framework_seed_shipped(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0001_initial"),
        ("cycles", "0003_core_practices"),
    ]

    operations = [migrations.RunPython(seed_shipped, migrations.RunPython.noop)]
