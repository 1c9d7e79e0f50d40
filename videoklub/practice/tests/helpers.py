"""Data for the practice example tests, made the way the app makes it."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.practice import services
from videoklub.practice.models import PracticeExample
from videoklub.recordings.models import Fragment
from videoklub.testing.factories import FragmentFactory, RecordingFactory

VIDEO = b"0123456789" * 100


def class_group(world, *, training: tuple[str, ...] = ("L1", "L2")) -> ClassGroup:
    """A class group of the klub's school with pupils L1 and L2; `training` names who gave
    consent for reuse in training."""
    group = ClassGroup.objects.create(school=world.school, name="4A", school_year="2026-2027")
    for code in ("L1", "L2"):
        pupil = Pupil.objects.create(class_group=group, code=code)
        if code in training:
            Consent.objects.create(
                pupil=pupil, purpose=Purpose.TRAINING, given_by="parent", given_on="2026-09-01"
            )
    return group


def fragment_of(world, *, group: ClassGroup | None = None, exported: bool = True) -> Fragment:
    """A fragment of the teacher's lesson, its own file stored (exported) or not."""
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=group)
    fragment = FragmentFactory(recording=recording, title="Wachttijd na een vraag")
    if exported:
        fragment.export = default_storage.save(
            recording.prefix + f"fragments/{fragment.pk}.mp4", ContentFile(VIDEO)
        )
        fragment.export_status = Fragment.ExportStatus.READY
        fragment.save(update_fields=["export", "export_status"])
    return fragment


def approve_anonymised(fragment: Fragment) -> Fragment:
    fragment.anonymised = default_storage.save(
        fragment.recording.prefix + f"fragments/{fragment.pk}-anonymised.mp4", ContentFile(VIDEO)
    )
    fragment.anonymisation_status = Fragment.Anonymisation.APPROVED
    fragment.anonymisation_approved_at = timezone.now()
    fragment.save(update_fields=["anonymised", "anonymisation_status", "anonymisation_approved_at"])
    return fragment


def offer_data(**changes) -> dict:
    return {
        "title": "Wachttijd",
        "description": "Kijk hoe lang de leraar wacht na een vraag.",
        "version": "own",
        "permission_given": "on",
        **changes,
    }


def publish(world, fragment, *, use_anonymised=False) -> PracticeExample:
    example = services.practice_example_offer(
        fragment=fragment,
        by=world.teacher,
        title="Wachttijd na een vraag",
        description="Kijk naar de stilte.",
        permission_given=True,
        use_anonymised=use_anonymised,
    )
    return services.practice_example_review(example=example, by=world.project_staff, publish=True)
