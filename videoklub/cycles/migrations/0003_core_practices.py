"""The six evidence-informed core practices a learning question is linked to.

Names are stored in English and translated in the interface (gettext on display).
"""

from django.db import migrations

CORE_PRACTICES = [
    (
        "growth-oriented-feedback",
        "growth-oriented feedback",
        "Feedback that tells pupils where they are going, how they are doing and what comes "
        "next, on the level of the task, the process and self-regulation.",
    ),
    (
        "classroom-management",
        "classroom management",
        "A safe, orderly and warm classroom through clear expectations, routines, smooth "
        "transitions and a positive relationship with every pupil.",
    ),
    (
        "high-expectations",
        "high expectations",
        "Believing every pupil can grow and showing it: challenging tasks, thinking time, "
        "questions for everyone and support instead of lowering the bar.",
    ),
    (
        "growing-independence",
        "growing independence",
        "Gradually handing over responsibility: modelling, guided practice, working together "
        "and working alone, with pupils learning to plan, monitor and evaluate.",
    ),
    (
        "language-oriented-teaching",
        "language-oriented subject teaching",
        "Learning the subject through language: rich context, interaction and language "
        "support so that every pupil can understand and use the subject's language.",
    ),
    (
        "purposeful-differentiation",
        "purposeful differentiation",
        "One goal for the group, different routes: adapting instruction, practice and support "
        "to what pupils need, based on what you see them do.",
    ),
]


def add_core_practices(apps, schema_editor):
    CorePractice = apps.get_model("cycles", "CorePractice")
    for order, (code, name, description) in enumerate(CORE_PRACTICES):
        CorePractice.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("cycles", "0002_initial")]

    operations = [migrations.RunPython(add_core_practices, migrations.RunPython.noop)]
