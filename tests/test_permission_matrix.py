"""Every URL × every role × own, other and shared objects: the expected status, nothing more.

"own" objects belong to the teacher's klub (recordings: to the teacher), "other" ones to another
programme's klub, "shared" ones to the teacher's colleague, who shared them with the klub.

Adding a URL without an entry here fails `test_every_url_is_in_the_matrix`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from videoklub.accounts.models import Invitation, User
from videoklub.accounts.services import invitation_token
from videoklub.courses.services import step_response_save
from videoklub.courses.tests.helpers import make_course, steps_by_kind, steps_of
from videoklub.knowledge.models import KnowledgeEditor
from videoklub.knowledge.tests.helpers import (
    attach,
    make_document,
    make_dossier,
    make_video_page,
)
from videoklub.observations.models import Annotation
from videoklub.organisations.models import Role
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import UserFactory

ROLES = [
    "anonymous",
    "teacher",
    "coach",
    "school_leader",
    "project_staff",
    "no_membership",
    "administrator",
]
IN_KLUB = {"teacher": 200, "coach": 200, "school_leader": 200, "project_staff": 200}
COACHING = {"coach": 200, "project_staff": 200, "teacher": 403, "school_leader": 403}
STAFF_ONLY = {"project_staff": 200}
OWNER = {"teacher": 200}
SHARED = ("shared", "revoked", "expired")
# A colleague's fragment shared with the klub: the klub's teachers and coach see it; once the
# share is revoked or expired they are told so (403), everyone else still sees nothing (404).
KLUB_AUDIENCE = {"teacher": 200, "coach": 200}
LOST = {"teacher": 403, "coach": 403}
FILMING = {"teacher": 200, "coach": 200}
TUS = {"Tus-Resumable": "1.0.0"}
CYCLE_VIEW = {"teacher": 200, "coach": 200}
CYCLE_CHANGE = {"teacher": 200, "coach": 403}
CYCLE_CHANGE_POST = {"teacher": 302, "coach": 403}
REVIEWERS = {role: 200 if role == "project_staff" else 404 for role in ROLES}
COACH_ONLY = {"coach": 200, "teacher": 403, "school_leader": 403, "project_staff": 403}
COMMUNITY = {"coach": 200, "project_staff": 200}
COMMUNITY_STAFF = {"project_staff": 200, "coach": 403}


def everyone(status: int, anonymous: int | None = None) -> dict[str, int]:
    statuses = dict.fromkeys(ROLES, status)
    if anonymous is not None:
        statuses["anonymous"] = anonymous
    return statuses


def logged_in(allowed: dict[str, int], otherwise: int = 404) -> dict[str, int]:
    """Anonymous visitors go to the login page; roles not named get `otherwise`."""
    return {role: 302 if role == "anonymous" else allowed.get(role, otherwise) for role in ROLES}


@dataclass
class Case:
    """Expected statuses for one URL; `other` asks for the objects of another klub/school."""

    own: dict[str, int]
    other: dict[str, int] | None = None
    shared: dict[str, int] | None = None
    # The colleague's fragment whose share was revoked, or ran out.
    revoked: dict[str, int] | None = None
    expired: dict[str, int] | None = None
    kwargs: Callable | None = None  # (world, which) -> URL kwargs
    method: str = "get"
    data: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)


def _klub(world, which):
    return {"pk": (world.klub if which == "own" else world.other_klub).pk}


def _school(world, which):
    return {"pk": (world.school if which == "own" else world.other_school).pk}


def _programme(world, which):
    return {"pk": (world.programme if which == "own" else world.other_programme).pk}


def _school_in_programme(world, which):
    if which == "own":
        return {"pk": world.programme.pk, "school_pk": world.school.pk}
    return {"pk": world.other_programme.pk, "school_pk": world.other_school.pk}


def _target(world, which):
    from videoklub.monitoring.models import Target

    programme = world.programme if which == "own" else world.other_programme
    target = Target.objects.create(programme=programme, indicator="coaches_trained", minimum=40)
    return {"pk": programme.pk, "target_pk": target.pk}


def _milestone(world, which):
    from videoklub.monitoring.models import Milestone

    programme = world.programme if which == "own" else world.other_programme
    milestone = Milestone.objects.create(programme=programme, due_on="2027-06-30", title="Eind")
    return {"pk": programme.pk, "milestone_pk": milestone.pk}


def _invitation(world, which):
    if which == "other":
        return {"token": "not-a-valid-token"}
    invitation = Invitation.objects.create(
        email="nieuw@school.test",
        role=Role.TEACHER,
        klub=world.klub,
        invited_by=world.coach,
        expires_at="2099-01-01T00:00Z",
    )
    return {"token": invitation_token(invitation)}


def _recording(world, which):
    """A processed recording of the teacher (own), of a teacher elsewhere (other) or of the
    colleague, who shared its fragment with the klub (shared)."""
    owner = (
        world.colleague
        if which in SHARED
        else {"own": world.teacher, "other": world.other_teacher}[which]
    )
    recording = Recording.objects.create(
        owner=owner, title="Rekenles", status=Recording.Status.READY, duration=10, klub=world.klub
    )
    for field_name, name in [
        ("rendition", "rendition.mp4"),
        ("poster", "poster.jpg"),
        ("thumbnails", "thumbnails.jpg"),
    ]:
        stored = default_storage.save(recording.prefix + name, ContentFile(b"0123456789"))
        setattr(recording, field_name, stored)
    recording.save()
    fragment = Fragment.objects.create(
        recording=recording,
        title="Instructie",
        reason="strength",
        start=1,
        end=4,
        export=default_storage.save(recording.prefix + "fragments/1.mp4", ContentFile(b"x")),
        export_status=Fragment.ExportStatus.READY,
    )
    if which in SHARED:
        Share.objects.create(
            fragment=fragment,
            audience=Audience.KLUB,
            klub=world.klub,
            created_by=owner,
            revoked_at=timezone.now() if which == "revoked" else None,
            expires_at=timezone.now() - timedelta(days=1) if which == "expired" else None,
        )
    return recording, fragment


def _rec(world, which):
    return {"recording_uuid": _recording(world, which)[0].uuid}


def _frag(world, which):
    recording, fragment = _recording(world, which)
    return {"recording_uuid": recording.uuid, "pk": fragment.pk}


def _anonymised_frag(world, which):
    """A fragment whose blurred copy waits for its owner's review."""
    recording, fragment = _recording(world, which)
    fragment.anonymised = default_storage.save(
        recording.prefix + f"fragments/{fragment.pk}-anonymised.mp4", ContentFile(b"x")
    )
    fragment.anonymisation_status = Fragment.Anonymisation.REVIEW
    fragment.save(update_fields=["anonymised", "anonymisation_status"])
    return {"recording_uuid": recording.uuid, "pk": fragment.pk}


def _annotation(world, which):
    """An annotation by the fragment's owner on their fragment (shared: the colleague's)."""
    recording, fragment = _recording(world, which)
    annotation = Annotation.objects.create(
        recording=recording, fragment=fragment, author=recording.owner, body="Kijk", at_seconds=2
    )
    return {"pk": annotation.pk}


def _share(world, which):
    recording, fragment = _recording(world, which)
    share = fragment.shares.first() or Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=recording.owner
    )
    return {"pk": share.pk}


def _upload(world, which):
    owner = world.teacher if which == "own" else world.other_teacher
    upload = Upload.objects.create(
        owner=owner, length=100, expires_at=timezone.now() + timedelta(hours=1)
    )
    return {"upload_id": upload.pk}


def _reset(world, which):
    return {"uidb64": "MQ", "token": "set-password"}


def _dossier(world, which):
    """ "own": a dossier for members only; "other": an open one."""
    dossier = make_dossier(is_open=which != "own", slug=f"dossier-{which}")
    return {"slug": dossier.slug}


def _video_page(world, which):
    """ "own": a video page for members only; "other": an open one."""
    return {"slug": make_video_page(is_open=which != "own", slug=f"video-{which}").slug}


def _video_file(world, which):
    """The video file (poster, subtitles) of a members-only page (own) or an open one."""
    page = make_video_page(is_open=which != "own", slug=f"video-{which}")
    return {"video_uuid": page.video.uuid}


def _document(world, which):
    """ "own": a download of a members-only dossier; "other": a document no dossier offers."""
    document = make_document()
    if which == "own":
        attach(make_dossier(is_open=False, slug="met-bijlage"), document)
    return {"document_id": document.pk, "document_filename": document.filename}


def _course(world, which):
    """ "own": a course for members only; "other": an open one."""
    return {"slug": make_course(is_open=which != "own", slug=f"cursus-{which}").slug}


def _course_step(world, which):
    """The first (text) step of a members-only course (own) or of an open one (other)."""
    course = make_course(is_open=which != "own", slug=f"cursus-{which}")
    return {"slug": course.slug, "step_id": steps_by_kind(course, "text")[0].id}


def _completed_course(world, which):
    """A members-only course the teacher completed (own); an open one nobody did (other)."""
    course = make_course(is_open=which != "own", slug=f"cursus-{which}")
    if which == "own":
        for step in steps_of(course):
            step_response_save(
                user=world.teacher,
                course=course,
                step_id=step.id,
                answer="Antwoord" if step.answered and not step.is_choice else "",
                choice=0 if step.is_choice else None,
            )
    return {"slug": course.slug}


def _practice_example(world, which):
    """ "own": the teacher's fragment published in the kennisbank (its pupils' consent for
    training given); "other": another programme's teacher's fragment, offered, not reviewed."""
    from videoklub.consent.models import ClassGroup, Consent, Pupil
    from videoklub.practice.models import PracticeExample

    own = which == "own"
    school = world.school if own else world.other_school
    class_group = ClassGroup.objects.create(school=school, name="6C", school_year="2025-2026")
    pupil = Pupil.objects.create(class_group=class_group, code="6C-01")
    Consent.objects.create(
        pupil=pupil, purpose="training", given_by="parent", given_on="2025-09-01"
    )
    recording, fragment = _recording(world, which)
    recording.class_group = class_group
    recording.save(update_fields=["class_group"])
    example = PracticeExample.objects.create(
        fragment=fragment,
        offered_by=recording.owner,
        title="Wachttijd",
        description="Kijk naar de stilte.",
        permission_given_at=timezone.now(),
        status="published" if own else "offered",
        reviewed_by=world.project_staff if own else None,
        reviewed_at=timezone.now() if own else None,
    )
    return {"pk": example.pk}


def _offer_fragment(world, which):
    return {"fragment_pk": _recording(world, which)[1].pk}


def _course_team(world, which):
    """The team page of a members-only course: of the teacher's klub, where the teacher takes it
    with the klub and shared a reflection (own), or of another programme's klub (other)."""
    from videoklub.courses.services import enrolment_start

    course = make_course(slug="cursus-team")
    klub = world.klub if which == "own" else world.other_klub
    learner = world.teacher if which == "own" else world.other_teacher
    enrolment_start(user=learner, course=course, klub=klub)
    step_response_save(
        user=learner,
        course=course,
        step_id=steps_by_kind(course, "reflection")[0].id,
        answer="Gedeeld",
        shared_with_klub=True,
    )
    return {"slug": course.slug, "klub_id": klub.pk}


def _framework(world, which):
    """An own kijkwijzer of the teacher's klub (own) or of another programme's klub (other)."""
    from videoklub.observations.services import framework_create

    own = which == "own"
    framework = framework_create(
        created_by=world.coach if own else world.other_coach,
        name="Onze kijkwijzer",
        description="",
        klub=world.klub if own else world.other_klub,
        domains=[{"name": "Vragen", "indicators": [{"text": "Wachttijd"}]}],
        scale=[{"value": 1, "label": "nog niet"}, {"value": 2, "label": "wel"}],
    )
    return {"pk": framework.pk}


def _observation(world, which):
    """An observation by the fragment's owner with a shipped kijkwijzer (shared: colleague's)."""
    from videoklub.observations.models import FrameworkVersion, Observation

    recording, fragment = _recording(world, which)
    version = FrameworkVersion.objects.filter(framework__code="klasmanagement").first()
    observation = Observation.objects.create(
        fragment=fragment, version=version, observer=recording.owner
    )
    return {"pk": observation.pk}


def _make_cycle(world, which):
    """A cycle of the teacher in the klub (own), or of a teacher in another programme's klub."""
    from videoklub.testing.factories import CycleFactory

    if which == "own":
        return CycleFactory(teacher=world.teacher, klub=world.klub)
    return CycleFactory(teacher=world.other_teacher, klub=world.other_klub)


def _cycle(world, which):
    return {"pk": _make_cycle(world, which).pk}


def _cycle_step(world, which):
    return {"pk": _make_cycle(world, which).pk, "step": 1}


def _action(world, which):
    from videoklub.cycles.models import Action

    cycle = _make_cycle(world, which)
    action = Action.objects.create(cycle=cycle, description="Wachttijd", success_criterion="Ja")
    return {"pk": action.pk}


def _klub_teacher(world, which):
    if which == "own":
        return {"pk": world.klub.pk, "teacher_pk": world.teacher.pk}
    return {"pk": world.other_klub.pk, "teacher_pk": world.other_teacher.pk}


def _visit(world, which):
    from videoklub.cycles.models import CoachingVisit

    own = which == "own"
    visit = CoachingVisit.objects.create(
        coach=world.coach if own else world.other_coach,
        teacher=world.teacher if own else world.other_teacher,
        klub=world.klub if own else world.other_klub,
        kind=CoachingVisit.Kind.OBSERVATION,
        visited_on="2026-10-01",
        goals="Feedback",
    )
    return {"pk": visit.pk}


def _make_meeting(world, which):
    """A session of the teacher's klub (own) or of the other programme's klub (other), with
    the colleague's shared fragment on its agenda."""
    from videoklub.meetings.models import AgendaItem, Meeting

    klub = world.klub if which == "own" else world.other_klub
    meeting = Meeting.objects.create(
        klub=klub,
        title="Bijeenkomst",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=1),
        ical_uid=f"matrix-{which}-{klub.pk}@videoklub",
    )
    recording, fragment = _recording(world, "shared")
    if which == "other":
        recording.owner, recording.klub = world.other_teacher, world.other_klub
        recording.save(update_fields=["owner", "klub"])
        Share.objects.filter(fragment=fragment).update(klub=world.other_klub)
    item = AgendaItem.objects.create(meeting=meeting, fragment=fragment)
    return meeting, item


def _meeting(world, which):
    return {"pk": _make_meeting(world, which)[0].pk}


def _meeting_klub(world, which):
    return {"klub_pk": (world.klub if which == "own" else world.other_klub).pk}


def _agenda_item(world, which):
    meeting, item = _make_meeting(world, which)
    return {"pk": meeting.pk, "item_pk": item.pk}


def _meeting_teacher(world, which):
    meeting, _item = _make_meeting(world, which)
    teacher = world.teacher if which == "own" else world.other_teacher
    return {"pk": meeting.pk, "teacher_pk": teacher.pk}


def _make_class_group(world, which):
    """A class group of the teacher's school (own) or of the other school, with one pupil
    who has a standing consent for filming in the klub."""
    from videoklub.consent.models import ClassGroup, Consent, Pupil

    school = world.school if which == "own" else world.other_school
    class_group = ClassGroup.objects.create(school=school, name="3B", school_year="2025-2026")
    pupil = Pupil.objects.create(class_group=class_group, code="3B-01")
    consent = Consent.objects.create(
        pupil=pupil, purpose="klub", given_by="parent", given_on="2025-09-01", evidence="map 3B"
    )
    return class_group, pupil, consent


def _consent_school(world, which):
    return {"school_pk": (world.school if which == "own" else world.other_school).pk}


def _class_group(world, which):
    return {"pk": _make_class_group(world, which)[0].pk}


def _pupil(world, which):
    return {"pk": _make_class_group(world, which)[1].pk}


def _consent(world, which):
    return {"pk": _make_class_group(world, which)[2].pk}


# The consent register: the school's leaders and the teachers and coaches of its klubs keep it;
# nobody else learns it exists (project staff included).
CONSENT = {"teacher": 200, "coach": 200, "school_leader": 200}
CONSENT_POST = {"teacher": 302, "coach": 302, "school_leader": 302}


def _notification(world, which):
    """A notification of the teacher (own) or of a teacher elsewhere (other)."""
    from videoklub.notifications.models import Kind, Notification

    recipient = world.teacher if which == "own" else world.other_teacher
    return {"pk": Notification.objects.create(recipient=recipient, kind=Kind.REPLY, url="/").pk}


def _unsubscribe(world, which):
    """The unsubscribe link of the teacher's e-mails (own) or a made-up one (other)."""
    from videoklub.notifications.services import settings_for

    return {"token": settings_for(world.teacher).unsubscribe_token if which == "own" else "nee"}


def _feed(world, which):
    """The teacher's calendar link (own) or a made-up one (other)."""
    from videoklub.meetings.models import CalendarFeed

    token = CalendarFeed.objects.get_or_create(user=world.teacher)[0].token
    return {"token": token if which == "own" else "nee"}


def _data_export(world, which):
    """A ready "my data" file of the teacher (own) or of a teacher elsewhere (other)."""
    from videoklub.accounts.models import DataExport

    export = DataExport(
        owner=world.teacher if which == "own" else world.other_teacher,
        status=DataExport.Status.READY,
        expires_at=timezone.now() + timedelta(days=7),
        finished_at=timezone.now(),
    )
    export.file.name = default_storage.save(f"{export.prefix}videoklub.zip", ContentFile(b"PK"))
    export.save()
    return {"token": export.token}


# --- surveys ------------------------------------------------------------------------------------


def _survey_version(world, which):
    """A published instrument of the programme (own) or of the other programme (other)."""
    from videoklub.surveys.services import instrument_load

    programme = world.programme if which == "own" else world.other_programme
    content = {
        "key": "matrix",
        "title": "Matrix",
        "description": "",
        "source_note": "",
        "sources": [],
        "scale": {"min": 1, "max": 5, "labels": []},
        "subscales": [],
        "items": [{"key": "v1", "text": "Vraag", "subscale": "", "kind": "scale"}],
    }
    return instrument_load(content=content, programme=programme)


def _survey_instrument(world, which):
    version = _survey_version(world, which)
    return {"pk": version.instrument.programme_id, "instrument_pk": version.instrument_id}


def _make_survey_administration(world, which):
    from videoklub.surveys.models import Administration

    version = _survey_version(world, which)
    today = timezone.localdate()
    return Administration.objects.create(
        programme_id=version.instrument.programme_id,
        version=version,
        title="Voormeting",
        moment="post",
        audience="teachers",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=7),
    )


def _survey_administration(world, which):
    administration = _make_survey_administration(world, which)
    return {"pk": administration.programme_id, "adm_pk": administration.pk}


def _survey_invitation(world, which):
    """The teacher's invitation (own) or the other programme's teacher's (other)."""
    from videoklub.surveys.models import Invitation

    administration = _make_survey_administration(world, which)
    user = world.teacher if which == "own" else world.other_teacher
    invitation = Invitation.objects.create(
        administration=administration, user=user, token=f"matrix-{which}"
    )
    return {"token": invitation.token}


# --- Coaches' learning community (community) ----------------------------------------------------
# Events of the world's programme (own, planned by its staff) or of the other programme (other).
# Coaches and project staff of the programme only; everyone else, a teacher too, gets a 404.


def _community_event(world, which, *, days=7):
    from datetime import time

    from videoklub.community import services as community_services

    staff = world.project_staff if which == "own" else world.other_project_staff
    programme = world.programme if which == "own" else world.other_programme
    return community_services.event_create(
        by=staff,
        programme=programme,
        kind="session",
        title="Leergemeenschap",
        date=timezone.localdate() + timedelta(days=days),
        start_time=time(13, 30),
        end_time=time(16, 0),
    )


def _community_event_kwargs(world, which):
    return {"pk": _community_event(world, which).pk}


def _community_past_event(world, which):
    return {"pk": _community_event(world, which, days=-7).pk}


def _community_material(world, which):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from videoklub.community import services as community_services

    event = _community_event(world, which)
    material = community_services.material_add(
        event=event,
        by=event.created_by,
        file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4", content_type="application/pdf"),
    )
    return {"pk": material.pk}


def _community_log_entry(world, which):
    from videoklub.community import services as community_services

    coach = world.coach if which == "own" else world.other_coach
    programme = world.programme if which == "own" else world.other_programme
    entry = community_services.log_entry_create(
        programme=programme, by=coach, text="Wat ik meeneem", date=timezone.localdate()
    )
    return {"pk": entry.pk}


# --- Filmfestival (festival) ------------------------------------------------------------------
# The programme's festival with its call out (own) or another programme's (other); a submission
# by the teacher (own) or by the other programme's teacher (other), selected into a block and
# shown (its pupils consented to public showing). Staff curate; the programme's teachers and
# coaches see the festival; the submitter sees and withdraws their submission.


def _festival_obj(world, which):
    from videoklub.festival.models import Festival

    today = timezone.localdate()
    return Festival.objects.create(
        programme=world.programme if which == "own" else world.other_programme,
        year=today.year,
        title="Filmfestival",
        date=today,
        call_text="Toon je klas.",
        submission_deadline=today,
        call_published_at=timezone.now(),
    )


def _festival(world, which):
    return {"pk": _festival_obj(world, which).pk}


def _festival_block(world, which):
    from videoklub.festival.models import Block

    return {"pk": Block.objects.create(festival=_festival_obj(world, which), title="Blok").pk}


def _festival_submission_obj(world, which):
    from videoklub.consent.models import ClassGroup, Consent, Pupil
    from videoklub.festival.models import Block, Submission

    festival = _festival_obj(world, which)
    own = which == "own"
    recording, fragment = _recording(world, which)
    klub = world.klub if own else world.other_klub
    group = ClassGroup.objects.create(school=klub.school, name="6F", school_year="2025-2026")
    pupil = Pupil.objects.create(class_group=group, code="6F-01")
    Consent.objects.create(pupil=pupil, purpose="public", given_by="parent", given_on="2025-09-01")
    recording.klub = klub
    recording.class_group = group
    recording.save(update_fields=["klub", "class_group"])
    share = Share.objects.create(
        fragment=fragment, audience=Audience.FESTIVAL, klub=klub, created_by=recording.owner
    )
    return Submission.objects.create(
        festival=festival,
        fragment=fragment,
        submitted_by=recording.owner,
        share=share,
        title="Wachttijd",
        what_it_shows="Stilte",
        why="Daarom",
        status="selected",
        block=Block.objects.create(festival=festival, title="Blok"),
        practice_proposed_at=timezone.now(),
    )


def _festival_submission(world, which):
    return {"pk": _festival_submission_obj(world, which).pk}


def _festival_video(world, which):
    submission = _festival_submission_obj(world, which)
    return {"pk": submission.festival_id, "submission_pk": submission.pk}


FESTIVAL_MEMBERS = {"teacher": 200, "coach": 200, "project_staff": 200}
FESTIVAL_STAFF = {"project_staff": 200, "teacher": 403, "coach": 403}
FESTIVAL_STAFF_POST = {"project_staff": 302, "teacher": 403, "coach": 403}
# The teacher's own submission: the teacher and the staff see it, the klub's coach does not.
FESTIVAL_SUBMITTER = {"teacher": 200, "project_staff": 200}


# --- Book clubs (bookclubs) -----------------------------------------------------------------
# The teacher's club at the school (own, with the colleague; the teacher facilitates) or the
# other teacher's club at the other school (other). "shared": an insight shared with the school.


def _book_club(world, which):
    from videoklub.bookclubs import services as bookclub_services

    if which == "other":
        return bookclub_services.book_club_create(
            by=world.other_teacher, school=world.other_school, title="Elders", book_title="B"
        )
    club = bookclub_services.book_club_create(
        by=world.teacher, school=world.school, title="Leesclub", book_title="Feedback"
    )
    bookclub_services.member_add(club=club, user=world.colleague, by=world.teacher)
    return club


def _bookclub(world, which):
    return {"pk": _book_club(world, which).pk}


def _bookclub_meeting(world, which):
    from videoklub.bookclubs import services as bookclub_services

    club = _book_club(world, which)
    start = timezone.now() + timedelta(days=7)
    meeting = bookclub_services.club_meeting_create(
        club=club, by=club.facilitator, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    return {"pk": meeting.pk}


def _bookclub_insight(world, which):
    from videoklub.bookclubs import services as bookclub_services

    club = _book_club(world, which)
    insight = bookclub_services.insight_create(
        club=club,
        author=club.facilitator,
        kind="file",
        text="Placemat",
        file=ContentFile(b"x", name="placemat.txt"),
    )
    if which in SHARED:
        bookclub_services.insight_share(insight=insight, by=club.facilitator, share=True)
    return {"pk": insight.pk}


def _bookclub_experiment(world, which):
    from videoklub.bookclubs import services as bookclub_services

    club = _book_club(world, which)
    experiment = bookclub_services.experiment_create(
        club=club, member=club.facilitator, what="Wachttijd"
    )
    return {"pk": experiment.pk}


def _bookclub_member(world, which):
    from videoklub.bookclubs.models import BookClubMember

    club = _book_club(world, which)
    other = BookClubMember.objects.exclude(user=club.facilitator).filter(club=club).first()
    member = other or BookClubMember.objects.get(club=club)
    return {"pk": club.pk, "member_pk": member.pk}


BOOKCLUB_MEMBER = {"teacher": 200}
BOOKCLUB_MEMBER_POST = {"teacher": 302}


# --- baseline: school tracks ------------------------------------------------------------------
# Project staff, the school's coaches and its leaders (the core team) work on the track; the
# baseline itself (intake, analysis, feedback) is the staff's and coaches'; a teacher of the
# school is refused (403); another programme's school is not found (404).
TRACK_READ = {"project_staff": 200, "coach": 200, "school_leader": 200, "teacher": 403}
TRACK_POST = {"project_staff": 302, "coach": 302, "school_leader": 302, "teacher": 403}
BASELINE_EDIT = {"project_staff": 200, "coach": 200, "school_leader": 403, "teacher": 403}


def _track(world, which, *, final: bool = False):
    """The school's track (own) or another programme's school's track (other)."""
    from videoklub.baseline.models import SchoolTrack

    own = which == "own"
    return SchoolTrack.objects.create(
        programme=world.programme if own else world.other_programme,
        school=world.school if own else world.other_school,
        report="Analyse." if final else "",
        report_status="final" if final else "draft",
    )


def _track_kwargs(track):
    return {"programme_pk": track.programme_id, "school_pk": track.school_id}


def _baseline_track(world, which):
    return _track_kwargs(_track(world, which))


def _baseline_final(world, which):
    """A track whose analysis is final: the school's leaders read its PDF too."""
    return _track_kwargs(_track(world, which, final=True))


def _baseline_programme(world, which):
    return {"programme_pk": (world.programme if which == "own" else world.other_programme).pk}


def _baseline_action(world, which):
    from videoklub.baseline.models import ActionPlanItem

    track = _track(world, which)
    item = ActionPlanItem.objects.create(track=track, goal="Doel", action="Actie", owner_text="K")
    return {**_track_kwargs(track), "item_pk": item.pk}


def _baseline_evidence(world, which):
    from videoklub.baseline.models import EvidenceLink

    track = _track(world, which)
    link = EvidenceLink.objects.create(track=track, title="Plan", url="https://example.org/plan")
    return {**_track_kwargs(track), "pk": link.pk}


# Klub sessions: the klub's teachers and coach see them, only the coach manages them.
MEETING_MANAGE = {"coach": 200, "teacher": 403}
MEETING_MANAGE_POST = {"coach": 302, "teacher": 403}

# --- Intervision (intervision) ---------------------------------------------------------------
# A running round of the programme (own) with a group of the klub's coach and coaches of two
# other schools, and a case of the coach; "other": the same in the other programme.


def _iv_case(world, which):
    from videoklub.intervision import services as iv_services
    from videoklub.testing.factories import KlubFactory, MembershipFactory, SchoolFactory

    programme = world.programme if which == "own" else world.other_programme
    staff = world.project_staff if which == "own" else world.other_project_staff
    coach = world.coach if which == "own" else world.other_coach
    others = []
    for _n in range(2):
        klub = KlubFactory(school=SchoolFactory(), programme=programme)
        others.append(MembershipFactory(role=Role.COACH, klub=klub).user)
    today = timezone.localdate()
    round_ = iv_services.round_create(
        by=staff, programme=programme, title="Ronde", starts_on=today, ends_on=today
    )
    group = iv_services.group_create(by=staff, round_=round_, name="A", members=[coach, *others])
    case = iv_services.case_submit(by=coach, group=group, title="Casus", question="Hoe?")
    return case, others


def _iv_round(world, which):
    return {"pk": _iv_case(world, which)[0].group.round_id}


def _iv_group(world, which):
    return {"pk": _iv_case(world, which)[0].group_id}


def _iv_case_kwargs(world, which):
    return {"pk": _iv_case(world, which)[0].pk}


def _iv_advice_add(world, which):
    case, others = _iv_case(world, which)
    return {"pk": case.pk, "member_pk": others[0].pk}


def _iv_advice(world, which):
    from videoklub.intervision.models import Advice

    case, others = _iv_case(world, which)
    return {"pk": Advice.objects.create(case=case, member=others[0], body="Vraag door").pk}


IV_MEMBER = {"coach": 200, "project_staff": 200}
IV_CASE = {"coach": 200, "project_staff": 403}


MATRIX: dict[str, Case] = {
    "meetings:workform_list": Case(own=logged_in({}, otherwise=200)),
    "meetings:workform_detail": Case(
        own=logged_in({}, otherwise=200), kwargs=lambda world, which: {"code": "placemat"}
    ),
    # The coach's year: coaches only. The calendar link needs no login (the secret is the key).
    "meetings:year": Case(own=logged_in({"coach": 200}, otherwise=403)),
    "meetings:feed": Case(
        own=everyone(200, anonymous=200), other=everyone(404, anonymous=404), kwargs=_feed
    ),
    "meetings:feed_reset": Case(own=logged_in({}, otherwise=302), method="post"),
    "meetings:list": Case(own=logged_in(KLUB_AUDIENCE), other=logged_in({}), kwargs=_meeting_klub),
    "meetings:create": Case(
        own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_meeting_klub
    ),
    "meetings:klub_ics": Case(
        own=logged_in(KLUB_AUDIENCE), other=logged_in({}), kwargs=_meeting_klub
    ),
    "meetings:detail": Case(own=logged_in(KLUB_AUDIENCE), other=logged_in({}), kwargs=_meeting),
    "meetings:ics": Case(own=logged_in(KLUB_AUDIENCE), other=logged_in({}), kwargs=_meeting),
    "meetings:edit": Case(own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_meeting),
    "meetings:agenda_add": Case(
        own=logged_in(MEETING_MANAGE_POST), other=logged_in({}), kwargs=_meeting, method="post"
    ),
    "meetings:agenda_remove": Case(
        own=logged_in(MEETING_MANAGE_POST),
        other=logged_in({}),
        kwargs=_agenda_item,
        method="post",
    ),
    "meetings:agenda_move": Case(
        own=logged_in(MEETING_MANAGE_POST),
        other=logged_in({}),
        kwargs=_agenda_item,
        method="post",
        data={"direction": "down"},
    ),
    "meetings:attendance": Case(
        own=logged_in(MEETING_MANAGE_POST), other=logged_in({}), kwargs=_meeting, method="post"
    ),
    "meetings:start": Case(
        own=logged_in(MEETING_MANAGE_POST), other=logged_in({}), kwargs=_meeting, method="post"
    ),
    "meetings:finish": Case(
        own=logged_in(MEETING_MANAGE_POST), other=logged_in({}), kwargs=_meeting, method="post"
    ),
    "meetings:session": Case(own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_meeting),
    "meetings:session_annotations": Case(
        own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_agenda_item
    ),
    # An empty note or action re-renders session mode with the form's errors.
    "meetings:session_note": Case(
        own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_meeting_teacher, method="post"
    ),
    "meetings:session_action": Case(
        own=logged_in(MEETING_MANAGE), other=logged_in({}), kwargs=_meeting_teacher, method="post"
    ),
    "home:home": Case(own=logged_in({}, otherwise=200)),
    "core:health": Case(own=everyone(200)),
    # The user guide is public: people read how it works before they log in.
    "guide:index": Case(own=everyone(200)),
    "knowledge:index": Case(own=everyone(200)),
    # Expert commentary on a shipped indicator: as public as the open videos; an unknown key 404.
    "knowledge:expert": Case(
        own=everyone(200),
        other=everyone(404),
        kwargs=lambda world, which: {"indicator": "fb-feed-up" if which == "own" else "onbekend"},
    ),
    "knowledge:dossier": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_dossier
    ),
    # Kennisbank videos: read as the dossiers; their files after the same check.
    "knowledge:video": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_video_page
    ),
    "knowledge:video_file": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_video_file
    ),
    "knowledge:video_poster": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_video_file
    ),
    "knowledge:video_subtitles": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_video_file
    ),
    "wagtaildocs_serve": Case(
        own=everyone(200, anonymous=404),
        other={role: 200 if role == "project_staff" else 404 for role in ROLES},
        kwargs=_document,
    ),
    # E-courses: read as the dossiers; taking one needs an account, the certificate and the
    # feedback form a completed course, the feedback overview the kennisbank's editors.
    "courses:index": Case(own=everyone(200)),
    "courses:detail": Case(own=everyone(200, anonymous=404), other=everyone(200), kwargs=_course),
    "courses:step": Case(
        own=everyone(200, anonymous=404), other=everyone(200), kwargs=_course_step
    ),
    "courses:certificate": Case(
        own=logged_in({"teacher": 200}, otherwise=403),
        other=logged_in({}, otherwise=403),
        kwargs=_completed_course,
    ),
    "courses:feedback": Case(
        own=logged_in({"teacher": 200}, otherwise=403),
        other=logged_in({}, otherwise=403),
        kwargs=_completed_course,
    ),
    # Team mode: anyone signed in chooses alone or with a klub of theirs; a klub's team page is
    # for its coach and members, not for the school's leaders or the programme's staff (403),
    # another klub's is not found (404).
    "courses:team_choose": Case(
        own=logged_in({}, otherwise=200), other=logged_in({}, otherwise=200), kwargs=_course
    ),
    "courses:team_detail": Case(
        own=logged_in({"teacher": 200, "coach": 200, "school_leader": 403, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_course_team,
    ),
    "courses:feedback_overview": Case(
        own=logged_in(STAFF_ONLY, otherwise=403),
        other=logged_in(STAFF_ONLY, otherwise=403),
        kwargs=_course,
    ),
    "courses:feedback_csv": Case(
        own=logged_in(STAFF_ONLY, otherwise=403),
        other=logged_in(STAFF_ONLY, otherwise=403),
        kwargs=_course,
    ),
    "courses:feedback_pdf": Case(
        own=logged_in(STAFF_ONLY, otherwise=403),
        other=logged_in(STAFF_ONLY, otherwise=403),
        kwargs=_course,
    ),
    # The coaching kit: the general one public, a programme's for the people of that programme.
    "courses:kit": Case(own=everyone(200)),
    "courses:kit_pdf": Case(own=everyone(200)),
    "courses:programme_kit": Case(
        own=logged_in(IN_KLUB, otherwise=404) | {"anonymous": 404},
        other=everyone(404),
        kwargs=_programme,
    ),
    "courses:programme_kit_pdf": Case(
        own=logged_in(IN_KLUB, otherwise=404) | {"anonymous": 404},
        other=everyone(404),
        kwargs=_programme,
    ),
    # Practice examples: signed-in readers of the kennisbank, never anonymous visitors; an
    # offered one for its teacher and the reviewers (who may edit the kennisbank) only.
    "practice:list": Case(own=everyone(200, anonymous=404)),
    "practice:detail": Case(
        own=everyone(200, anonymous=404), other=REVIEWERS, kwargs=_practice_example
    ),
    "practice:video": Case(
        own=everyone(200, anonymous=404), other=REVIEWERS, kwargs=_practice_example
    ),
    "practice:withdraw": Case(
        own=logged_in({"teacher": 302, "project_staff": 302}, otherwise=403),
        other=logged_in({"project_staff": 302}),
        kwargs=_practice_example,
        method="post",
    ),
    # A published one is no longer waiting: the reviewer is sent back with the reason.
    "practice:review": Case(
        own=logged_in({"project_staff": 302}, otherwise=403),
        other=logged_in({"project_staff": 302}),
        kwargs=_practice_example,
        method="post",
        data={"decision": "publish"},
    ),
    "practice:review_queue": Case(own=logged_in(STAFF_ONLY, otherwise=403)),
    "practice:offer": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_offer_fragment),
    "sitemap": Case(own=everyone(200)),
    "guide:page": Case(
        own=everyone(200),
        other=everyone(404),
        kwargs=lambda world, which: {"slug": "leraar" if which == "own" else "onbekend"},
    ),
    "core:favicon": Case(own=everyone(302)),
    "set_language": Case(own=everyone(302), method="post", data={"language": "en"}),
    "accounts:login": Case(own=everyone(302, anonymous=200)),
    # School sign-in (OpenID Connect) is off here, as without OIDC_* variables: both answer 404.
    # tests/test_school_login.py runs them switched on against a real provider.
    "accounts:school_login": Case(
        own=everyone(404), kwargs=lambda world, which: {"provider": "school"}
    ),
    "accounts:school_login_callback": Case(own=everyone(404)),
    "accounts:logout": Case(own=everyone(302), method="post"),
    "accounts:profile": Case(own=logged_in({}, otherwise=200)),
    # "My data": everyone's own; a file only for its owner, a 404 for anyone else.
    "privacy:my_data": Case(own=logged_in({}, otherwise=200)),
    "privacy:data_export_create": Case(own=logged_in({}, otherwise=302), method="post"),
    "privacy:data_export_download": Case(
        own=logged_in(OWNER), other=logged_in({}), kwargs=_data_export
    ),
    "privacy:account_delete": Case(own=logged_in({}, otherwise=200)),
    # Notifications: everyone's own inbox; someone else's notification is not found. The
    # unsubscribe link needs no login: its secret is the key (a made-up one is not found).
    "notifications:inbox": Case(own=logged_in({}, otherwise=200)),
    "notifications:open": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_notification
    ),
    "notifications:mark_all_read": Case(own=logged_in({}, otherwise=302), method="post"),
    "notifications:settings": Case(own=logged_in({}, otherwise=200)),
    "notifications:unsubscribe": Case(
        own=everyone(200, anonymous=200), other=everyone(404, anonymous=404), kwargs=_unsubscribe
    ),
    # Without a confirmed device: the setup page; the code page sends back; disabling refuses.
    "accounts:two_factor": Case(own=logged_in({}, otherwise=200)),
    "accounts:two_factor_verify": Case(own=everyone(302)),
    "accounts:two_factor_disable": Case(own=logged_in({}, otherwise=400), method="post"),
    "accounts:password_change": Case(own=logged_in({}, otherwise=200)),
    "accounts:password_change_done": Case(own=logged_in({}, otherwise=200)),
    "accounts:password_reset": Case(own=everyone(200)),
    "accounts:password_reset_done": Case(own=everyone(200)),
    "accounts:password_reset_confirm": Case(own=everyone(200), kwargs=_reset),
    "accounts:password_reset_complete": Case(own=everyone(200)),
    # Anyone holding a link may open it; only its addressee can use it (see test_invitations).
    "accounts:invitation": Case(own=everyone(200), other=everyone(404), kwargs=_invitation),
    "home:klub_detail": Case(own=logged_in(IN_KLUB), other=logged_in({}), kwargs=_klub),
    "home:klub_invite": Case(own=logged_in(COACHING), other=logged_in({}), kwargs=_klub),
    "home:school_detail": Case(own=logged_in(IN_KLUB), other=logged_in({}), kwargs=_school),
    "home:programme_detail": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "home:programme_invite": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "recordings:retention": Case(own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme),
    # Archiving: staff only; a running programme is refused on the page it returns to (302).
    "home:programme_archive": Case(
        own=logged_in({"project_staff": 302}), other=logged_in({}), kwargs=_programme, method="post"
    ),
    # Monitoring: the programme's figures and report for its staff; a school's report also for
    # the school's leaders. Everyone else is told nothing exists.
    **{
        f"monitoring:{name}": Case(
            own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
        )
        for name in ("dashboard", "infographic", "report", "csv", "xlsx", "targets")
    },
    **{
        f"monitoring:{name}": Case(
            own=logged_in(STAFF_ONLY | {"school_leader": 200}),
            other=logged_in({}),
            kwargs=_school_in_programme,
        )
        for name in ("school", "school_pdf")
    },
    "monitoring:target_edit": Case(own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_target),
    "monitoring:target_delete": Case(
        own=logged_in({"project_staff": 302}), other=logged_in({}), kwargs=_target, method="post"
    ),
    "monitoring:milestone_add": Case(
        own=logged_in({"project_staff": 302}),
        other=logged_in({}),
        kwargs=_programme,
        method="post",
        data={"due_on": "2027-06-30", "title": "Eindrapport"},
    ),
    "monitoring:milestone_edit": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_milestone
    ),
    "monitoring:milestone_delete": Case(
        own=logged_in({"project_staff": 302}), other=logged_in({}), kwargs=_milestone, method="post"
    ),
    # Recordings are private to their owner: everyone else gets a 404, as if nothing existed.
    "recordings:list": Case(own=logged_in({}, otherwise=200)),
    "recordings:record": Case(own=logged_in(FILMING, otherwise=403)),
    "recordings:detail": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_rec),
    "recordings:status": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_rec),
    "recordings:stream": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_rec),
    "recordings:poster": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_rec),
    "recordings:thumbnails": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_rec),
    "recordings:delete": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_rec, method="post"
    ),
    "recordings:retry": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_rec, method="post"
    ),
    "recordings:fragment_create": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        kwargs=_rec,
        method="post",
        data={"title": "Start", "reason": "strength", "start": "0", "end": "2"},
    ),
    "recordings:fragment_detail": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_frag),
    "recordings:fragment_export_status": Case(
        own=logged_in(OWNER), other=logged_in({}), kwargs=_frag
    ),
    "recordings:fragment_download": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_frag),
    "recordings:fragment_delete": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_frag, method="post"
    ),
    "recordings:fragment_export": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_frag, method="post"
    ),
    "recordings:fragment_video": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in(KLUB_AUDIENCE),
        revoked=logged_in(LOST),
        expired=logged_in(LOST),
        kwargs=_frag,
    ),
    # The blurred copy: its owner alone, also when the fragment itself is shared.
    "recordings:fragment_anonymise": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_frag, method="post"
    ),
    "recordings:fragment_anonymisation_status": Case(
        own=logged_in(OWNER), other=logged_in({}), shared=logged_in({}), kwargs=_frag
    ),
    "recordings:fragment_anonymisation_approve": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        shared=logged_in({}),
        kwargs=_anonymised_frag,
        method="post",
    ),
    "recordings:fragment_anonymisation_discard": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        shared=logged_in({}),
        kwargs=_anonymised_frag,
        method="post",
    ),
    "recordings:fragment_anonymised_video": Case(
        own=logged_in(OWNER), other=logged_in({}), shared=logged_in({}), kwargs=_anonymised_frag
    ),
    # Everyone reads the log of their own items (and only those: see audit tests).
    "audit:my_log": Case(own=logged_in({}, otherwise=200)),
    "consent:school": Case(own=logged_in(CONSENT), other=logged_in({}), kwargs=_consent_school),
    "consent:class_group": Case(own=logged_in(CONSENT), other=logged_in({}), kwargs=_class_group),
    # An empty form re-renders the grid with its errors.
    "consent:give": Case(
        own=logged_in({"teacher": 400, "coach": 400, "school_leader": 400}),
        other=logged_in({}),
        kwargs=_class_group,
        method="post",
    ),
    "consent:pupils_add": Case(own=logged_in(CONSENT), other=logged_in({}), kwargs=_class_group),
    "consent:summary": Case(own=logged_in(CONSENT), other=logged_in({}), kwargs=_class_group),
    "consent:archive": Case(
        own=logged_in(CONSENT_POST), other=logged_in({}), kwargs=_class_group, method="post"
    ),
    "consent:pupil_archive": Case(
        own=logged_in(CONSENT_POST), other=logged_in({}), kwargs=_pupil, method="post"
    ),
    "consent:withdraw": Case(own=logged_in(CONSENT), other=logged_in({}), kwargs=_consent),
    # Without a class group chosen the partial is empty (permissions: see the consent tests).
    "consent:before_filming": Case(own=logged_in({}, otherwise=200)),
    "recordings:class_group": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        kwargs=_rec,
        method="post",
        data={"class_group": ""},
    ),
    # Sharing: only the owner shares and revokes; the klub sees what was shared with it.
    "sharing:fragment": Case(
        own=logged_in(OWNER), other=logged_in({}), shared=logged_in({}), kwargs=_frag
    ),
    "sharing:recording": Case(
        own=logged_in(OWNER), other=logged_in({}), shared=logged_in({}), kwargs=_rec
    ),
    "sharing:revoke": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        shared=logged_in({}),
        kwargs=_share,
        method="post",
    ),
    "sharing:klub": Case(
        own=logged_in({"teacher": 200, "coach": 200, "school_leader": 403, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_klub,
    ),
    # Annotations: the owner's notes on the whole recording are private; a fragment's
    # discussion is for its audience; only the author edits or deletes.
    "analysis:recording_annotations": Case(
        own=logged_in(OWNER), other=logged_in({}), shared=logged_in({}), kwargs=_rec
    ),
    "analysis:fragment": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in(KLUB_AUDIENCE),
        revoked=logged_in(LOST),
        expired=logged_in(LOST),
        kwargs=_frag,
    ),
    "analysis:fragment_annotations": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in(KLUB_AUDIENCE),
        revoked=logged_in(LOST),
        expired=logged_in(LOST),
        kwargs=_frag,
    ),
    "analysis:annotation_edit": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in({"teacher": 403, "coach": 403}),
        kwargs=_annotation,
    ),
    "analysis:annotation_delete": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        shared=logged_in({"teacher": 403, "coach": 403}),
        kwargs=_annotation,
        method="post",
    ),
    "analysis:annotation_reply": Case(
        own=logged_in({"teacher": 302}),
        other=logged_in({}),
        shared=logged_in({"teacher": 302, "coach": 302}),
        kwargs=_annotation,
        method="post",
        data={"body": "Goed gezien"},
    ),
    # The tus endpoints answer like an API: 401 instead of a login redirect.
    "recordings:tus_collection": Case(own=everyone(204), method="options"),
    "recordings:tus_upload": Case(
        own={**logged_in({"teacher": 200}), "anonymous": 401},
        other={**logged_in({}), "anonymous": 401},
        kwargs=_upload,
        method="head",
        headers=TUS,
    ),
    # Cycles: the teacher's own; the klub's coach follows them (and comments), nobody else
    # learns they exist. The board and the coaching log are the coach's.
    "cycles:list": Case(own=logged_in({}, otherwise=200)),
    "cycles:start": Case(own=logged_in({"teacher": 200}, otherwise=403)),
    "cycles:detail": Case(own=logged_in(CYCLE_VIEW), other=logged_in({}), kwargs=_cycle),
    "cycles:phase": Case(
        own=logged_in(CYCLE_CHANGE_POST),
        other=logged_in({}),
        kwargs=_cycle,
        method="post",
        data={"phase": "film"},
    ),
    "cycles:question": Case(own=logged_in(CYCLE_CHANGE), other=logged_in({}), kwargs=_cycle_step),
    # Closing is a button; stopping asks first on a page of its own.
    "cycles:close": Case(
        own=logged_in(CYCLE_CHANGE_POST), other=logged_in({}), kwargs=_cycle, method="post"
    ),
    "cycles:abandon": Case(own=logged_in(CYCLE_CHANGE), other=logged_in({}), kwargs=_cycle),
    # Filing a recording under a cycle: the recording's owner only.
    "cycles:file_recording": Case(
        own=logged_in({"teacher": 302}), other=logged_in({}), kwargs=_rec, method="post"
    ),
    "cycles:comment_create": Case(
        own=logged_in({"teacher": 302, "coach": 302}),
        other=logged_in({}),
        kwargs=_cycle,
        method="post",
        data={"body": "Mooi concreet!"},
    ),
    "cycles:reflection_create": Case(
        own=logged_in(CYCLE_CHANGE_POST),
        other=logged_in({}),
        kwargs=_cycle,
        method="post",
        data={"body": "Het werkte."},
    ),
    "cycles:action_create": Case(own=logged_in(CYCLE_CHANGE), other=logged_in({}), kwargs=_cycle),
    "cycles:action_edit": Case(own=logged_in(CYCLE_CHANGE), other=logged_in({}), kwargs=_action),
    "cycles:action_status": Case(
        own=logged_in(CYCLE_CHANGE_POST),
        other=logged_in({}),
        kwargs=_action,
        method="post",
        data={"status": "done"},
    ),
    "cycles:board": Case(own=logged_in(COACH_ONLY), other=logged_in({}), kwargs=_klub),
    "cycles:coaching_klub": Case(own=logged_in(COACH_ONLY), other=logged_in({}), kwargs=_klub),
    "cycles:coaching_teacher": Case(
        own=logged_in({**COACH_ONLY, "teacher": 200}), other=logged_in({}), kwargs=_klub_teacher
    ),
    "cycles:coaching_create": Case(
        own=logged_in(COACH_ONLY), other=logged_in({}), kwargs=_klub_teacher
    ),
    "cycles:coaching_edit": Case(
        own=logged_in({"coach": 200, "teacher": 403}), other=logged_in({}), kwargs=_visit
    ),
    "cycles:trail": Case(own=logged_in({}, otherwise=200)),
    "cycles:trail_pdf": Case(own=logged_in({}, otherwise=200)),
    # Kijkwijzers: shipped ones for everyone with a role, a klub's own within the klub; coaches
    # build for their klub, school leaders for their school. Observations follow the fragment.
    "observations:framework_list": Case(own=logged_in({}, otherwise=200)),
    "observations:framework_create": Case(
        own=logged_in({"coach": 200, "school_leader": 200}, otherwise=403)
    ),
    "observations:framework_detail": Case(
        own=logged_in(KLUB_AUDIENCE), other=logged_in({}), kwargs=_framework
    ),
    "observations:framework_edit": Case(
        own=logged_in({"coach": 200, "teacher": 403}), other=logged_in({}), kwargs=_framework
    ),
    "observations:framework_copy": Case(
        own=logged_in({"coach": 200, "teacher": 403}), other=logged_in({}), kwargs=_framework
    ),
    "observations:observation_create": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in(KLUB_AUDIENCE),
        kwargs=_frag,
    ),
    "observations:observation_detail": Case(
        own=logged_in(OWNER),
        other=logged_in({}),
        shared=logged_in(KLUB_AUDIENCE),
        kwargs=_observation,
    ),
    # --- surveys: the programme's project staff run them (everyone else: not found); an
    # invitation is its addressee's alone; the own list and the thank-you page are everyone's.
    "surveys:my_surveys": Case(own=logged_in({}, otherwise=200)),
    "surveys:thanks": Case(own=logged_in({}, otherwise=200)),
    "surveys:respond": Case(own=logged_in(OWNER), other=logged_in({}), kwargs=_survey_invitation),
    "surveys:overview": Case(own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme),
    "surveys:instrument_create": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "surveys:instrument_upload": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "surveys:instrument_detail": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_survey_instrument
    ),
    "surveys:instrument_edit": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_survey_instrument
    ),
    "surveys:instrument_publish": Case(
        own=logged_in({"project_staff": 302}),
        other=logged_in({}),
        kwargs=_survey_instrument,
        method="post",
    ),
    "surveys:administration_create": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "surveys:administration_detail": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_survey_administration
    ),
    "surveys:administration_invite": Case(
        own=logged_in({"project_staff": 302}),
        other=logged_in({}),
        kwargs=_survey_administration,
        method="post",
    ),
    "surveys:administration_remind": Case(
        own=logged_in({"project_staff": 302}),
        other=logged_in({}),
        kwargs=_survey_administration,
        method="post",
    ),
    "surveys:administration_compare": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_survey_administration
    ),
    # --- Coaches' learning community (community): its programme's coaches and project staff;
    # staff plan and take attendance, coaches register and keep a learning log only they read.
    "community:home": Case(own=logged_in(COMMUNITY)),
    "community:my_ics": Case(own=logged_in(COMMUNITY)),
    "community:programme": Case(own=logged_in(COMMUNITY), other=logged_in({}), kwargs=_programme),
    "community:year_plan": Case(
        own=logged_in(COMMUNITY_STAFF), other=logged_in({}), kwargs=_programme
    ),
    "community:event_create": Case(
        own=logged_in(COMMUNITY_STAFF), other=logged_in({}), kwargs=_programme
    ),
    "community:directory": Case(own=logged_in(COMMUNITY), other=logged_in({}), kwargs=_programme),
    "community:logbook": Case(
        own=logged_in({"coach": 200, "project_staff": 403}), other=logged_in({}), kwargs=_programme
    ),
    "community:event": Case(
        own=logged_in(COMMUNITY), other=logged_in({}), kwargs=_community_event_kwargs
    ),
    "community:event_edit": Case(
        own=logged_in(COMMUNITY_STAFF), other=logged_in({}), kwargs=_community_event_kwargs
    ),
    "community:event_cancel": Case(
        own=logged_in({"project_staff": 302, "coach": 403}),
        other=logged_in({}),
        kwargs=_community_event_kwargs,
        method="post",
    ),
    "community:registration": Case(
        own=logged_in({"coach": 302, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_community_event_kwargs,
        method="post",
    ),
    "community:attendance": Case(
        own=logged_in(COMMUNITY_STAFF), other=logged_in({}), kwargs=_community_past_event
    ),
    "community:material_add": Case(
        own=logged_in({"project_staff": 302, "coach": 403}),
        other=logged_in({}),
        kwargs=_community_event_kwargs,
        method="post",
        data={"url": "https://example.org/agenda"},
    ),
    "community:event_ics": Case(
        own=logged_in(COMMUNITY), other=logged_in({}), kwargs=_community_event_kwargs
    ),
    "community:material_file": Case(
        own=logged_in(COMMUNITY), other=logged_in({}), kwargs=_community_material
    ),
    "community:material_delete": Case(
        own=logged_in({"project_staff": 302, "coach": 403}),
        other=logged_in({}),
        kwargs=_community_material,
        method="post",
    ),
    "community:log_edit": Case(
        own=logged_in({"coach": 200}), other=logged_in({}), kwargs=_community_log_entry
    ),
    "community:log_delete": Case(
        own=logged_in({"coach": 302}),
        other=logged_in({}),
        kwargs=_community_log_entry,
        method="post",
    ),
    # --- Filmfestival (festival): see the helpers' comment. -----------------------------------
    "festival:programme": Case(
        own=logged_in(FESTIVAL_MEMBERS), other=logged_in({}), kwargs=_programme
    ),
    "festival:detail": Case(own=logged_in(FESTIVAL_MEMBERS), other=logged_in({}), kwargs=_festival),
    "festival:video": Case(
        own=logged_in(FESTIVAL_MEMBERS), other=logged_in({}), kwargs=_festival_video
    ),
    "festival:submit": Case(
        own=logged_in({"teacher": 200, "coach": 200, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_festival,
    ),
    "festival:edit": Case(own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival),
    "festival:publish": Case(
        own=logged_in(FESTIVAL_STAFF_POST), other=logged_in({}), kwargs=_festival, method="post"
    ),
    "festival:close": Case(
        own=logged_in(FESTIVAL_STAFF_POST), other=logged_in({}), kwargs=_festival, method="post"
    ),
    "festival:curate": Case(own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival),
    "festival:block_create": Case(
        own=logged_in(FESTIVAL_STAFF_POST), other=logged_in({}), kwargs=_festival, method="post"
    ),
    "festival:preview": Case(own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival),
    "festival:screening": Case(
        own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival
    ),
    "festival:package": Case(own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival),
    "festival:block_edit": Case(
        own=logged_in(FESTIVAL_STAFF), other=logged_in({}), kwargs=_festival_block
    ),
    "festival:block_delete": Case(
        own=logged_in(FESTIVAL_STAFF_POST),
        other=logged_in({}),
        kwargs=_festival_block,
        method="post",
    ),
    "festival:submission": Case(
        own=logged_in(FESTIVAL_SUBMITTER), other=logged_in({}), kwargs=_festival_submission
    ),
    "festival:withdraw": Case(
        own=logged_in({"teacher": 302, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_festival_submission,
        method="post",
    ),
    "festival:decide": Case(
        own=logged_in({"teacher": 403, "project_staff": 302}),
        other=logged_in({}),
        kwargs=_festival_submission,
        method="post",
    ),
    "festival:place": Case(
        own=logged_in({"teacher": 403, "project_staff": 302}),
        other=logged_in({}),
        kwargs=_festival_submission,
        method="post",
    ),
    "festival:practice_propose": Case(
        own=logged_in({"teacher": 403, "project_staff": 302}),
        other=logged_in({}),
        kwargs=_festival_submission,
        method="post",
    ),
    "festival:practice_confirm": Case(
        own=logged_in({"teacher": 200, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_festival_submission,
    ),
    # --- Book clubs (bookclubs): members only (others 404, also at the same school); the
    # facilitator runs the club; a shared insight is read by the school, shared by its author.
    "bookclubs:list": Case(own=logged_in({}, otherwise=200)),
    "bookclubs:create": Case(
        own=logged_in({"teacher": 200, "coach": 200, "school_leader": 200, "project_staff": 200})
    ),
    "bookclubs:detail": Case(own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub),
    "bookclubs:edit": Case(own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub),
    "bookclubs:member_add": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub
    ),
    "bookclubs:meeting_create": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub
    ),
    "bookclubs:roles_rotate": Case(
        own=logged_in(BOOKCLUB_MEMBER_POST), other=logged_in({}), kwargs=_bookclub, method="post"
    ),
    "bookclubs:ics": Case(own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub),
    "bookclubs:insight_create": Case(
        own=logged_in(BOOKCLUB_MEMBER_POST),
        other=logged_in({}),
        kwargs=_bookclub,
        method="post",
        data={"kind": "note", "text": "Inzicht"},
    ),
    "bookclubs:experiment_create": Case(
        own=logged_in(BOOKCLUB_MEMBER_POST),
        other=logged_in({}),
        kwargs=_bookclub,
        method="post",
        data={"what": "Wachttijd"},
    ),
    "bookclubs:evaluation": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub
    ),
    "bookclubs:meeting": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub_meeting
    ),
    # Without a member chosen the facilitator gets the page again with the error (400).
    "bookclubs:role_assign": Case(
        own=logged_in({"teacher": 400}),
        other=logged_in({}),
        kwargs=_bookclub_meeting,
        method="post",
        data={"role": "moderator"},
    ),
    "bookclubs:insight_share": Case(
        own=logged_in(BOOKCLUB_MEMBER_POST),
        other=logged_in({}),
        shared=logged_in({"teacher": 302, "coach": 403, "school_leader": 403}),
        kwargs=_bookclub_insight,
        method="post",
        data={"share": "1"},
    ),
    "bookclubs:insight_file": Case(
        own=logged_in(BOOKCLUB_MEMBER),
        other=logged_in({}),
        shared=logged_in({"teacher": 200, "coach": 200, "school_leader": 200}),
        kwargs=_bookclub_insight,
    ),
    "bookclubs:experiment": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub_experiment
    ),
    "bookclubs:school_insights": Case(
        own=logged_in({"teacher": 200, "coach": 200, "school_leader": 200}),
        other=logged_in({}),
        kwargs=_school,
    ),
    # --- bookclubs (finishing): leaving and removing members, editing and deleting meetings
    # and insights. The facilitator (teacher) removes; a shared insight is read by the school
    # (coach, school leader) but edited or deleted only by its author or the facilitator (403).
    "bookclubs:member_remove": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub_member
    ),
    "bookclubs:leave": Case(own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub),
    "bookclubs:meeting_edit": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub_meeting
    ),
    "bookclubs:meeting_delete": Case(
        own=logged_in(BOOKCLUB_MEMBER), other=logged_in({}), kwargs=_bookclub_meeting
    ),
    "bookclubs:insight_edit": Case(
        own=logged_in(BOOKCLUB_MEMBER),
        other=logged_in({}),
        shared=logged_in({"teacher": 200, "coach": 403, "school_leader": 403}),
        kwargs=_bookclub_insight,
    ),
    "bookclubs:insight_delete": Case(
        own=logged_in(BOOKCLUB_MEMBER),
        other=logged_in({}),
        shared=logged_in({"teacher": 200, "coach": 403, "school_leader": 403}),
        kwargs=_bookclub_insight,
    ),
    # baseline: school tracks (see TRACK_READ above).
    "baseline:programme": Case(
        own=logged_in({"project_staff": 200, "coach": 200, "school_leader": 200, "teacher": 403}),
        other=logged_in({}),
        kwargs=_baseline_programme,
    ),
    "baseline:track": Case(own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_track),
    "baseline:baseline_edit": Case(
        own=logged_in(BASELINE_EDIT), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:report_edit": Case(
        own=logged_in(BASELINE_EDIT), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:feedback_edit": Case(
        own=logged_in(BASELINE_EDIT), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:report_pdf": Case(
        own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_final
    ),
    "baseline:action_create": Case(
        own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:action_edit": Case(
        own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_action
    ),
    "baseline:action_status": Case(
        own=logged_in(TRACK_POST),
        other=logged_in({}),
        kwargs=_baseline_action,
        method="post",
        data={"status": "done"},
    ),
    "baseline:action_delete": Case(
        own=logged_in(TRACK_POST), other=logged_in({}), kwargs=_baseline_action, method="post"
    ),
    "baseline:checklist_tick": Case(
        own=logged_in(TRACK_POST),
        other=logged_in({}),
        kwargs=_baseline_track,
        method="post",
        data={"item": "explore-probleem", "ticked": "1"},
    ),
    "baseline:phase_move": Case(
        own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:evidence_add": Case(
        own=logged_in(TRACK_READ), other=logged_in({}), kwargs=_baseline_track
    ),
    "baseline:evidence_remove": Case(
        own=logged_in(TRACK_POST), other=logged_in({}), kwargs=_baseline_evidence, method="post"
    ),
    # --- Intervision (intervision): staff of the programme see rounds, groups and case titles
    # (a case itself 403); the group's coaches see their cases while the round runs.
    "intervision:index": Case(own=logged_in({}, otherwise=200)),
    "intervision:methods": Case(own=logged_in({}, otherwise=200)),
    "intervision:method": Case(
        own=logged_in({}, otherwise=200), kwargs=lambda w, which: {"slug": "incidentmethode"}
    ),
    "intervision:my_advice": Case(own=logged_in({}, otherwise=200)),
    "intervision:round_create": Case(
        own=logged_in(STAFF_ONLY), other=logged_in({}), kwargs=_programme
    ),
    "intervision:round": Case(own=logged_in(IV_MEMBER), other=logged_in({}), kwargs=_iv_round),
    "intervision:group_create": Case(
        own=logged_in({"coach": 403, "project_staff": 422}),
        other=logged_in({}),
        kwargs=_iv_round,
        method="post",
    ),
    "intervision:group": Case(own=logged_in(IV_MEMBER), other=logged_in({}), kwargs=_iv_group),
    "intervision:case_create": Case(own=logged_in(IV_CASE), other=logged_in({}), kwargs=_iv_group),
    "intervision:case": Case(own=logged_in(IV_CASE), other=logged_in({}), kwargs=_iv_case_kwargs),
    "intervision:session": Case(
        own=logged_in(IV_CASE), other=logged_in({}), kwargs=_iv_case_kwargs
    ),
    "intervision:session_start": Case(
        own=logged_in({"coach": 422, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_iv_case_kwargs,
        method="post",
    ),
    "intervision:session_note": Case(
        own=logged_in({"coach": 422, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_iv_case_kwargs,
        method="post",
    ),
    "intervision:advice_add": Case(
        own=logged_in({"coach": 422, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_iv_advice_add,
        method="post",
    ),
    "intervision:session_finish": Case(
        own=logged_in({"coach": 302, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_iv_case_kwargs,
        method="post",
    ),
    "intervision:advice_mark": Case(
        own=logged_in({"coach": 302, "project_staff": 403}),
        other=logged_in({}),
        kwargs=_iv_advice,
        method="post",
    ),
}

# The admin site checks staff status itself; its index stands for the whole namespace.
ADMIN_INDEX = logged_in({"administrator": 200}, otherwise=302)
EXEMPT_NAMESPACES = {"admin"}
# Wagtail's editor: one gate (knowledge.middleware) in front of all its screens; its home stands
# for the whole prefix, the knowledge app's tests walk into it.
EXEMPT_PREFIXES = {"redactie/"}
EDITOR_HOME = logged_in({"project_staff": 200}, otherwise=403)


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXEMPT_NAMESPACES or str(pattern.pattern) in EXEMPT_PREFIXES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.add(namespace + pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    missing = url_names() - MATRIX.keys()
    stale = MATRIX.keys() - url_names()
    assert not missing, f"URLs without a permission-matrix entry: {sorted(missing)}"
    assert not stale, f"Matrix entries for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture(scope="module")
def administrator(module_world, django_db_blocker) -> User:
    with django_db_blocker.unblock():
        return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def world(module_world, db):
    """Built once for the module's ~1,600 cases (see conftest.module_world); each case still
    runs in a transaction of its own, so the objects it makes and what a POST changes are rolled
    back before the next."""
    return module_world


@pytest.fixture(scope="module")
def sessions(module_world, administrator, django_db_blocker) -> dict[str, str]:
    """Each role logs in once for the module: its session row is in the module's transaction,
    and a case that changes or ends it (logging out) has that rolled back with the rest."""
    keys = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            user = administrator if role == "administrator" else module_world.user(role)
            if user is not None:
                client = Client()
                client.force_login(user)
                keys[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return keys


@pytest.fixture
def client_for(world, sessions) -> Callable[[str], Client]:
    """A new client for each request, logged in as `role` with the role's session."""

    def client_for(role: str) -> Client:
        client = Client()
        if role in sessions:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = sessions[role]
        return client

    return client_for


CASES = [
    pytest.param(name, which, role, id=f"{name}-{which}-{role}")
    for name, case in MATRIX.items()
    for which in ["own", "other", *SHARED]
    if which == "own" or getattr(case, which) is not None
    for role in ROLES
]


@pytest.mark.parametrize(("name", "which", "role"), CASES)
def test_status(world, client_for, name, which, role):
    case = MATRIX[name]
    expected = getattr(case, which)[role]
    kwargs = case.kwargs(world, which) if case.kwargs else {}
    client = client_for(role)
    url = reverse(name, kwargs=kwargs)
    if case.method in ("get", "post"):
        response = getattr(client, case.method)(url, case.data, headers=case.headers)
    else:
        response = getattr(client, case.method)(url, headers=case.headers)
    assert response.status_code == expected, (
        f"{role} {case.method.upper()} {name} ({which}): "
        f"got {response.status_code}, expected {expected}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_knowledge_editor_is_for_whom_the_policy_names(client_for, role):
    response = client_for(role).get(reverse("wagtailadmin_home"))
    assert response.status_code == EDITOR_HOME[role]


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_is_for_administrators_only(client_for, role):
    response = client_for(role).get(reverse("admin:index"))
    assert response.status_code == ADMIN_INDEX[role]
    if ADMIN_INDEX[role] == 302:
        assert reverse("admin:login") in response["Location"]


# --- The admin site, model by model -------------------------------------------------------------
# Everyone but an administrator is sent to the admin's login page. The administrator sees the
# list, the (often read-only) change page and the deletion page of every registered model, except
# where deleting is disabled (403): people are deactivated instead, uploads go with their expiry
# or their recording, logs are evidence. Nobody opens the page that sets someone's password.
ADMIN_DISABLED = {
    ("accounts.User", "delete"): 403,
    ("accounts.User", "password"): 403,
    ("recordings.Upload", "delete"): 403,
    ("audit.AuditEvent", "delete"): 403,
    ("django_tasks_database.DBTaskResult", "delete"): 403,
}
# Registered models without rows: only their list is a page.
ADMIN_WITHOUT_ROWS = {"django_rq.Dashboard"}


def _admin_object(world, label: str):
    """An object of the registered model `label` (a new registered model needs a line here)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_tasks_db.models import DBTaskResult

    from videoklub.audit.services import audit_record
    from videoklub.cycles.models import CorePractice
    from videoklub.meetings.models import Attendance, WorkForm
    from videoklub.observations.models import Domain, Framework, FrameworkVersion, Observation

    login = {"username": world.teacher.email, "ip_address": "192.0.2.1", "user_agent": "Firefox"}
    builders: dict[str, Callable] = {
        "auth.Group": lambda: Group.objects.create(name="Helpdesk"),
        "organisations.Programme": lambda: world.programme,
        "organisations.School": lambda: world.school,
        "organisations.Klub": lambda: world.klub,
        "organisations.Membership": lambda: world.teacher.memberships.get(),
        "accounts.User": lambda: world.teacher,
        "accounts.Invitation": lambda: Invitation.objects.create(
            email="nieuw@school.test",
            role=Role.TEACHER,
            klub=world.klub,
            invited_by=world.coach,
            expires_at="2099-01-01T00:00Z",
        ),
        "recordings.Recording": lambda: _recording(world, "own")[0],
        "recordings.Upload": lambda: Upload.objects.get(pk=_upload(world, "own")["upload_id"]),
        "recordings.Fragment": lambda: _recording(world, "own")[1],
        "audit.AuditEvent": lambda: audit_record(
            actor=world.coach, action="view", item=_recording(world, "own")[0]
        ),
        "cycles.CorePractice": lambda: CorePractice.objects.first(),
        "knowledge.KnowledgeEditor": lambda: KnowledgeEditor.objects.create(user=world.coach),
        "cycles.Cycle": lambda: _make_cycle(world, "own"),
        "observations.Framework": lambda: Framework.objects.first(),
        "observations.FrameworkVersion": lambda: FrameworkVersion.objects.first(),
        "observations.Domain": lambda: Domain.objects.first(),
        "observations.Observation": lambda: Observation.objects.get(
            pk=_observation(world, "own")["pk"]
        ),
        "meetings.WorkForm": lambda: WorkForm.objects.first(),
        "meetings.Meeting": lambda: _make_meeting(world, "own")[0],
        "meetings.AgendaItem": lambda: _make_meeting(world, "own")[1],
        "meetings.Attendance": lambda: Attendance.objects.create(
            meeting=_make_meeting(world, "own")[0], user=world.teacher
        ),
        "axes.AccessAttempt": lambda: AccessAttempt.objects.create(**login, failures_since_start=1),
        "axes.AccessLog": lambda: AccessLog.objects.create(**login),
        "axes.AccessFailureLog": lambda: AccessFailureLog.objects.create(**login),
        # Unconfirmed: a confirmed device would send its owner to the code page first.
        "otp_totp.TOTPDevice": lambda: TOTPDevice.objects.create(
            user=world.no_membership, name="authenticator", confirmed=False
        ),
        "django_tasks_database.DBTaskResult": lambda: DBTaskResult.objects.create(
            status="SUCCESSFUL",
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="videoklub.recordings.tasks.process_recording",
            backend_name="database",
            run_after=timezone.now(),
            exception_class_path="",
            traceback="",
        ),
    }
    assert label in builders, f"no admin object for {label}: add one to _admin_object()"
    return builders[label]()


def _admin_cases():
    from django.contrib import admin

    for model in admin.site._registry:
        label = model._meta.label
        views = ["changelist"]
        if label not in ADMIN_WITHOUT_ROWS:
            views += ["change", "delete"]
        if label == "accounts.User":
            views.append("password")
        for view in views:
            yield pytest.param(label, view, id=f"admin-{label}-{view}")


@pytest.mark.parametrize(("label", "view"), list(_admin_cases()))
def test_admin_status(world, client_for, settings, label, view):
    from django.apps import apps
    from django.contrib.admin.utils import quote

    # Task rows name the backend that ran them: the database one, as in production.
    settings.TASKS = {**settings.TASKS, "database": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    model = apps.get_model(label)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if view == "changelist":
        url = reverse(f"{info}_changelist")
    elif view == "password":
        url = reverse("admin:auth_user_password_change", args=[world.teacher.pk])
    else:
        url = reverse(f"{info}_{view}", args=[quote(_admin_object(world, label).pk)])
    expected = logged_in({"administrator": ADMIN_DISABLED.get((label, view), 200)}, otherwise=302)
    for role in ROLES:
        response = client_for(role).get(url)
        assert response.status_code == expected[role], (
            f"{role} GET {url}: got {response.status_code}, expected {expected[role]}"
        )
        if expected[role] == 302:
            assert reverse("admin:login") in response["Location"], (role, url)
