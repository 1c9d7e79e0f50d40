"""A teacher with something of everything, for the "my data" export and erasure tests."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from videoklub.accounts.models import Invitation, User
from videoklub.analysis.services import annotation_create, annotation_reply
from videoklub.audit.services import audit_record
from videoklub.cycles.models import Action, CoachingVisit, QuestionComment, Reflection
from videoklub.meetings.models import Meeting, TeacherNote
from videoklub.observations.models import Annotation, FrameworkVersion, Observation
from videoklub.organisations.models import Role
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import CycleFactory, FragmentFactory, RecordingFactory

NAME = "Griet Vanoverbeke-Uniek"
EMAIL = "griet.vanoverbeke@wegwijzer.test"


@dataclass
class TeacherData:
    teacher: User
    recording: Recording  # with rendition, poster and a fragment export
    original_only: Recording  # not processed: only the original
    fragment: Fragment
    upload: Upload
    colleague_recording: Recording
    colleague_fragment: Fragment
    colleague_thread: Annotation  # the colleague's annotation, the teacher replied to it
    reply: Annotation


def _store(name: str, content: bytes) -> str:
    return default_storage.save(name, ContentFile(content))


def teacher_with_everything(world) -> TeacherData:
    teacher = world.teacher
    teacher.full_name, teacher.email = NAME, EMAIL
    teacher.save(update_fields=["full_name", "email"])

    recording = RecordingFactory(owner=teacher, klub=world.klub, title="Rekenles breuken")
    recording.rendition = _store(f"{recording.prefix}rendition.mp4", b"rendition-bytes" * 100)
    recording.poster = _store(f"{recording.prefix}poster.jpg", b"jpg")
    recording.save(update_fields=["rendition", "poster"])
    fragment = FragmentFactory(recording=recording, title="Instructie", start=5, end=35)
    fragment.export = _store(f"{recording.prefix}fragments/{fragment.pk}.mp4", b"fragment")
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.save(update_fields=["export", "export_status"])

    original_only = RecordingFactory(
        owner=teacher,
        klub=world.klub,
        title="Taalles",
        status=Recording.Status.FAILED,
        original_filename="IMG_0001.MOV",
    )
    original_only.original = _store(f"{original_only.prefix}original.mov", b"mov-bytes")
    original_only.save(update_fields=["original"])
    upload = Upload.objects.create(
        owner=teacher, length=100, expires_at=timezone.now() + timedelta(hours=1)
    )
    _store(f"{upload.prefix}part-0", b"half")

    # Notes on their own fragment, and a share of it with the klub.
    annotation_create(
        recording=recording, fragment=fragment, author=teacher, body="Hier wacht ik", at_seconds=8
    )
    Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=teacher
    )

    # A colleague's fragment shared with the klub: the teacher replies and observes.
    colleague_recording = RecordingFactory(owner=world.colleague, klub=world.klub, title="Les")
    colleague_recording.rendition = _store(f"{colleague_recording.prefix}rendition.mp4", b"c")
    colleague_recording.save(update_fields=["rendition"])
    colleague_fragment = FragmentFactory(recording=colleague_recording, start=0, end=20)
    Share.objects.create(
        fragment=colleague_fragment,
        audience=Audience.KLUB,
        klub=world.klub,
        created_by=world.colleague,
    )
    thread = annotation_create(
        recording=colleague_recording,
        fragment=colleague_fragment,
        author=world.colleague,
        body="Wat vinden jullie van deze overgang?",
        at_seconds=12,
    )
    reply = annotation_reply(parent=thread, author=teacher, body="Heel rustig, mooi!")
    Observation.objects.create(
        fragment=colleague_fragment,
        version=FrameworkVersion.objects.filter(framework__code="klasmanagement").first(),
        observer=teacher,
        notes="Duidelijke routines",
    )
    audit_record(actor=teacher, action="view", item=colleague_fragment)

    # A cycle with everything hanging off it, and what the coach keeps about the teacher.
    cycle = CycleFactory(teacher=teacher, klub=world.klub)
    QuestionComment.objects.create(cycle=cycle, author=world.coach, body="Mooi concreet")
    QuestionComment.objects.create(cycle=cycle, author=teacher, body="Dank je")
    Action.objects.create(
        cycle=cycle,
        description="Wachttijd van 5 s",
        success_criterion="Meer vingers",
        created_by=teacher,
    )
    Reflection.objects.create(cycle=cycle, author=teacher, body="Het werkte beter dan gedacht.")
    recording.cycle = cycle
    recording.save(update_fields=["cycle"])
    CoachingVisit.objects.create(
        coach=world.coach,
        teacher=teacher,
        klub=world.klub,
        kind=CoachingVisit.Kind.OBSERVATION,
        visited_on=date(2026, 10, 1),
        goals="Feedback op proces",
    )
    meeting = Meeting.objects.create(
        klub=world.klub,
        title="Bijeenkomst oktober",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
        ical_uid="erasure-test@videoklub",
        created_by=world.coach,
    )
    TeacherNote.objects.create(meeting=meeting, teacher=teacher, author=world.coach, body="Sterk")

    # The invitation that brought them in, and one they sent; the admin's history of them.
    Invitation.objects.create(
        email=EMAIL,
        full_name=NAME,
        role=Role.TEACHER,
        klub=world.klub,
        invited_by=world.coach,
        expires_at=timezone.now() + timedelta(days=7),
        accepted_at=timezone.now(),
        accepted_by=teacher,
    )
    Invitation.objects.create(
        email="nieuw@wegwijzer.test",
        role=Role.TEACHER,
        klub=world.klub,
        invited_by=teacher,
        expires_at=timezone.now() + timedelta(days=7),
    )
    LogEntry.objects.create(
        user=world.no_membership,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(teacher.pk),
        object_repr=NAME,
        action_flag=CHANGE,
    )
    return TeacherData(
        teacher=teacher,
        recording=recording,
        original_only=original_only,
        fragment=fragment,
        upload=upload,
        colleague_recording=colleague_recording,
        colleague_fragment=colleague_fragment,
        colleague_thread=thread,
        reply=reply,
    )
