"""The work of a klub for browser tests: a cycle, a lesson, a fragment shared with the klub
with a discussion, and a planned session with the fragment on the agenda."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from videoklub.media.synth import make_video
from videoklub.recordings import storage
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.tasks import export_fragment, process_recording
from videoklub.testing.factories import FragmentFactory, RecordingFactory


def klub_work(world, video_dir: Path | None = None) -> dict:
    """With `video_dir`, a real 8 s lesson is synthesised there and processed, and the shared
    fragment's cut exported (pages that play video); without, rows only (pages looked at)."""
    from videoklub.analysis import services as analysis
    from videoklub.cycles import services as cycles
    from videoklub.cycles.models import CorePractice
    from videoklub.meetings import services as meetings
    from videoklub.observations.models import Framework
    from videoklub.sharing.models import Audience, Share

    practice = CorePractice.objects.get(code="high-expectations")
    cycle = cycles.cycle_start(teacher=world.teacher, klub=world.klub, core_practice=practice)
    cycles.learning_question_update(
        cycle=cycle, goal="Iedereen denkt mee.", question="Hoe geef ik meer denktijd?"
    )
    if video_dir is None:
        recording = RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle, duration=60)
        fragment = FragmentFactory(recording=recording, start=1, end=6, title="Na mijn vraag")
    else:
        recording, fragment = _processed_lesson(world, cycle, video_dir)
    Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=world.teacher
    )
    if video_dir is not None:
        export_fragment.enqueue(fragment.pk)  # the klub watches the cut only
        fragment.refresh_from_db()
        assert fragment.export_status == Fragment.ExportStatus.READY, fragment.export_error
    version = Framework.objects.get(core_practice=practice, klub__isnull=True).versions.first()
    question = analysis.annotation_create(
        recording=recording,
        fragment=fragment,
        author=world.teacher,
        at_seconds=2,
        body="Noor antwoordt meteen.",
        kind="question",
        indicator=version.indicators.first(),
        version=version,
    )
    analysis.annotation_reply(parent=question, author=world.coach, body="Tel tot vijf.")
    start = timezone.now() + timedelta(days=3)
    meeting = meetings.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Bijeenkomst 2",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Leraarskamer",
    )
    meetings.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)
    return {
        "cycle": cycle,
        "recording": recording,
        "fragment": fragment,
        "meeting": meeting,
        "framework": version.framework,
    }


def processed_recording(
    video_dir: Path, *, filename: str = "les.mp4", seconds: int = 8, **fields
) -> Recording:
    """A recording of a generated video, processed by the real task until it is ready."""
    source = make_video(video_dir / filename, seconds=seconds, width=640, height=360)
    recording = Recording.objects.create(
        original_filename=filename,
        original_size=source.stat().st_size,
        status=Recording.Status.QUEUED,
        **fields,
    )
    name = storage.save_file(f"{recording.prefix}original.mp4", str(source))
    Recording.objects.filter(pk=recording.pk).update(original=name)
    process_recording.enqueue(recording.pk)
    recording.refresh_from_db()
    assert recording.status == Recording.Status.READY, recording.error_message
    return recording


def _processed_lesson(world, cycle, video_dir: Path) -> tuple[Recording, Fragment]:
    recording = processed_recording(
        video_dir, owner=world.teacher, klub=world.klub, cycle=cycle, title="Rekenles"
    )
    fragment = Fragment.objects.create(
        recording=recording,
        created_by=world.teacher,
        title="Na mijn vraag",
        reason=Fragment.Reason.LEARNING_QUESTION,
        start=1,
        end=6,
        export_status=Fragment.ExportStatus.QUEUED,  # the task below claims it
    )
    return recording, fragment
