import itertools
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.festival import services
from videoklub.recordings.models import Fragment
from videoklub.testing.factories import FragmentFactory, RecordingFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages raised by services read in English here; the Dutch test asks for Dutch."""
    with translation.override("en"):
        yield


_groups = itertools.count(1)


def class_group(world, *, public=("L1", "L2")):
    """A class group at the world's school with pupils L1 and L2; `public`: who consented to
    public showing."""
    group = ClassGroup.objects.create(
        school=world.school, name=f"4A{next(_groups)}", school_year="2026-2027"
    )
    for code in ("L1", "L2"):
        pupil = Pupil.objects.create(class_group=group, code=code)
        if code in public:
            Consent.objects.create(
                pupil=pupil,
                purpose="public",
                given_by="parent",
                given_on=timezone.localdate(),
            )
    return group


def make_fragment(world, owner=None, *, public=("L1", "L2"), title="Wachttijd", anonymised=False):
    """A fragment of `owner`'s recording in the world's klub, its own file ready (and, with
    `anonymised`, an approved blurred copy)."""
    owner = owner or world.teacher
    recording = RecordingFactory(
        owner=owner, klub=world.klub, class_group=class_group(world, public=public)
    )
    fragment = FragmentFactory(recording=recording, title=title)
    fragment.export = default_storage.save(
        f"{recording.prefix}fragments/{fragment.pk}.mp4", ContentFile(b"own-" + title.encode())
    )
    fragment.export_status = Fragment.ExportStatus.READY
    fields = ["export", "export_status"]
    if anonymised:
        fragment.anonymised = default_storage.save(
            f"{recording.prefix}fragments/{fragment.pk}-anonymised.mp4",
            ContentFile(b"blurred-" + title.encode()),
        )
        fragment.anonymisation_status = Fragment.Anonymisation.APPROVED
        fields += ["anonymised", "anonymisation_status"]
    fragment.save(update_fields=fields)
    return fragment


@pytest.fixture
def festival(world):
    """The programme's festival with its call open (deadline in two weeks)."""
    today = timezone.localdate()
    festival = services.festival_create(
        programme=world.programme,
        by=world.project_staff,
        year=today.year,
        title="Filmfestival Brede basiszorg",
        date=today + timedelta(days=30),
        place="CC Herentals",
        call_text="Toon je klas.",
        submission_deadline=today + timedelta(days=14),
    )
    return services.festival_publish_call(festival=festival, by=world.project_staff)


@pytest.fixture
def submit(world, festival):
    def submit(fragment=None, *, by=None, anonymised=False, title="Wachttijd"):
        by = by or world.teacher
        fragment = fragment or make_fragment(world, by, title=title, anonymised=anonymised)
        return services.submission_create(
            festival=festival,
            fragment=fragment,
            by=by,
            title=title,
            what_it_shows="Stilte na de vraag.",
            why="Iedereen denkt mee.",
            anonymised=anonymised,
        )

    return submit
