"""Demo work in the first demo klub: cycles, a lesson recording, a shared fragment, annotations,
a session on the agenda, an action and a reflection, so every role finds something to look at.

Run after demo.people.seed_demo; skipped once the demo teacher has a cycle. The lesson
video is synthesised (colour bars and a tone), uploaded as a phone would and prepared on the
spot; the shared fragment's file is cut by the worker that `make run` starts.
"""

from __future__ import annotations

import io
import tempfile
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.analysis import services as analysis_services
from videoklub.consent import services as consent
from videoklub.cycles import services as cycle_services
from videoklub.cycles.models import CorePractice, Cycle, Phase
from videoklub.demo.people import SCHOOLS, demo_email
from videoklub.media.synth import make_video
from videoklub.meetings import services as meeting_services
from videoklub.meetings.models import WorkForm
from videoklub.organisations.models import Klub, Role
from videoklub.recordings import services as recording_services
from videoklub.recordings import uploads as recording_uploads
from videoklub.recordings.models import Recording
from videoklub.recordings.tasks import process_recording
from videoklub.sharing import services as sharing_services
from videoklub.sharing.models import Audience

LESSON_SECONDS = 40

QUESTION = {
    "goal": (
        "Mijn kleuters werken in de hoeken langer zelfstandig, zonder telkens bij mij te komen."
    ),
    "reality": (
        "Bij het hoekenwerk komen er na vijf minuten al drie kleuters vragen wat ze moeten doen. "
        "Ik loop van hoek naar hoek en kom niet toe aan de kleine groep die ik wil begeleiden."
    ),
    "resources": (
        "Hanne werkt met een planbord met pictogrammen; in het kennisdossier 'groei naar "
        "zelfstandigheid' staat hoe je stap voor stap verantwoordelijkheid doorgeeft."
    ),
    "options": (
        "Een planbord met pictogrammen; de opdracht in de hoek voordoen; een 'vraag-het-eerst-"
        "aan-een-vriendje'-afspraak; een zandloper bij de start."
    ),
    "way_forward": (
        "Volgende week doe ik in de bouwhoek de opdracht eerst voor en film ik het hoekenwerk "
        "op dinsdag. Het werkt als minder dan twee kleuters per kwartier bij mij komen vragen."
    ),
    "question": (
        "Hoe kan ik door de opdracht in de hoek eerst voor te doen ervoor zorgen dat mijn kleuters "
        "een kwartier zelfstandig aan de slag blijven?"
    ),
}


def _user(name: str) -> User:
    return User.objects.get(email=demo_email(name))


def seed_demo_work(*, with_video: bool = True) -> bool:
    """Create the demo work once; False when it was there already."""
    school = SCHOOLS[0]
    klub_name, (coach_name, teacher_names) = next(iter(school[5].items()))
    teacher, coach = _user(teacher_names[0]), _user(coach_name)
    klub = Klub.objects.get(
        name=klub_name, memberships__user=teacher, memberships__role=Role.TEACHER
    )
    if Cycle.objects.filter(teacher=teacher).exists():
        return False
    with transaction.atomic():
        cycle = _lotte(teacher, coach, klub)
        _hanne(_user(teacher_names[1]), klub)
    if with_video:
        _lesson(cycle, teacher, coach)
    return True


def _lotte(teacher: User, coach: User, klub: Klub) -> Cycle:
    independence = CorePractice.objects.get(code="growing-independence")
    cycle = cycle_services.cycle_start(teacher=teacher, klub=klub, core_practice=independence)
    cycle_services.learning_question_update(cycle=cycle, **QUESTION)
    cycle_services.question_comment_create(
        cycle=cycle,
        author=coach,
        body=(
            "Mooie, haalbare vraag! Kijk bij het filmen ook naar wat de kleuters doen vlak "
            "nadat je de opdracht hebt voorgedaan: daar zie je of ze het overnemen."
        ),
    )
    cycle_services.cycle_set_phase(cycle=cycle, phase=Phase.ANALYSE, by=teacher)
    cycle_services.action_create(
        cycle=cycle,
        created_by=teacher,
        description="In elke hoek de opdracht eerst zelf voordoen, hardop denkend.",
        success_criterion="Minder dan twee vragen per kwartier tijdens het hoekenwerk.",
        due_on=timezone.localdate() + timedelta(days=14),
    )
    cycle_services.reflection_create(
        cycle=cycle,
        author=teacher,
        body=(
            "Spannend om mezelf te filmen, maar de kleuters merkten de camera na twee minuten "
            "niet meer op. Ik zag dat ik de opdracht vaak al gaf terwijl ik nog wegwandelde."
        ),
    )
    return cycle


def _hanne(teacher: User, klub: Klub) -> None:
    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    cycle = cycle_services.cycle_start(teacher=teacher, klub=klub, core_practice=feedback)
    cycle_services.learning_question_update(
        cycle=cycle,
        goal="Mijn feedback helpt kleuters om zelf een volgende stap te zetten.",
        reality="Ik zeg vaak 'goed zo' of 'mooi', maar de kleuters weten niet waarom.",
    )


def _class_group(cycle: Cycle, teacher: User):
    """The filmed class with its consent register: everyone consented to filming for the klub;
    two pupils' parents did not agree to sharing within the school, nobody to public showing."""
    group = consent.class_group_create(
        school=cycle.klub.school,
        name="K3A",
        school_year=cycle.klub.programme.school_year,
        created_by=teacher,
    )
    pupils = consent.pupils_add_series(class_group=group, prefix="K3A-", count=12)
    given_on = timezone.localdate() - timedelta(days=30)
    for index, pupil in enumerate(pupils):
        purposes = ["klub"] if index in (3, 8) else ["klub", "school"]
        for purpose in purposes:
            consent.consent_give(
                pupil=pupil,
                purpose=purpose,
                given_by="parent",
                given_on=given_on,
                evidence="Map toestemmingen K3A, formulier " + str(index + 1),
                recorded_by=teacher,
            )
    return group


def _lesson(cycle: Cycle, teacher: User, coach: User) -> None:
    """A synthetic lesson video, uploaded as a phone would, with a shared fragment."""
    class_group = _class_group(cycle, teacher)
    with tempfile.TemporaryDirectory() as directory:
        path = make_video(
            Path(directory) / "hoekenwerk.mp4", seconds=LESSON_SECONDS, width=640, height=360
        )
        data = path.read_bytes()
    with transaction.atomic():
        upload = recording_uploads.upload_create(
            owner=teacher,
            length=len(data),
            metadata={
                "filename": "hoekenwerk.mp4",
                "filetype": "video/mp4",
                "title": "Hoekenwerk dinsdag",
            },
            klub=cycle.klub,
            cycle=cycle,
            class_group=class_group,
        )
        recording_uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(data), content_length=len(data)
        )
    # Prepared here rather than by the worker, so the fragment below can be cut at once; the
    # queued task then finds the recording ready and does nothing.
    assert upload.recording_id is not None  # upload_create makes the recording with the upload
    process_recording.call(upload.recording_id)
    recording = Recording.objects.get(pk=upload.recording_id)
    with transaction.atomic():
        fragment = recording_services.fragment_create(
            recording=recording,
            author=teacher,
            title="Opdracht voordoen in de bouwhoek",
            reason="learning_question",
            start=5,
            end=25,
        )
        sharing_services.fragment_share(fragment=fragment, by=teacher, audience=Audience.KLUB)
        question = analysis_services.annotation_create(
            recording=recording,
            fragment=fragment,
            author=teacher,
            kind="question",
            at_seconds=8,
            body="Hier doe ik het voor. Zien jullie of de kleuters meekijken?",
        )
        analysis_services.annotation_reply(
            parent=question,
            author=coach,
            body="Ja! Let op de kleuter links: die begint al te bouwen terwijl jij nog uitlegt.",
        )
        analysis_services.annotation_create(
            recording=recording,
            fragment=fragment,
            author=teacher,
            kind="strength",
            at_seconds=18,
            body="Twee kleuters helpen elkaar zonder naar mij te kijken.",
        )
        start = (timezone.localtime() + timedelta(days=7)).replace(
            hour=15, minute=30, second=0, microsecond=0
        )
        meeting = meeting_services.meeting_create(
            klub=cycle.klub,
            created_by=coach,
            title="Bijeenkomst 2: zelfstandig werken in de hoeken",
            starts_at=start,
            ends_at=start + timedelta(hours=1, minutes=30),
            place="Leraarskamer",
            work_form=WorkForm.objects.filter(code="think-pair-share").first()
            or WorkForm.objects.first(),
        )
        meeting_services.agenda_add(meeting=meeting, fragment=fragment, added_by=coach)
