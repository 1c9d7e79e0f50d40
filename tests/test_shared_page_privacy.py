"""Nothing private reaches a page through a share.

A teacher shares one fragment of a lesson. Its audience may see that fragment, its title, the
annotations on it and the observations of it: nothing else of the lesson. Every private field
around it (the recording's title and file name, the other fragments and the annotations outside
the shared one, the cycle's GRROW answers, comments, actions and reflections, the coach's
visit notes) holds a unique marker. Each viewer's pages are then **crawled**: from the home page
and the shared fragment's pages, every link and htmx URL on the site is followed, so a page
added later is checked the day it is linked. No marker may appear in any response.
"""

import re
from collections import deque
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from videoklub.cycles.models import Action, CoachingVisit, QuestionComment, Reflection
from videoklub.meetings.models import AgendaItem, Meeting, TeacherNote
from videoklub.observations.models import Annotation, Framework, Observation
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import CycleFactory

# Links a crawler must not follow: they change state on GET, leave the site or only switch
# the language.
DENY = re.compile(r"^/(afmelden|logout|taal|beheer|static)/|^/account/(afmelden|logout)")
LINK = re.compile(r"""(?:href|hx-get|action)="([^"#]+)""")
MAX_PAGES = 400

# What the fragment's audience may never read (the coach reads the cycle: see COACH_MAY_READ).
RECORDING_MARKERS = {
    "recording title": "MARKER-RECORDING-TITLE",
    "file name": "MARKER-FILE-NAME",
    "unshared fragment": "MARKER-UNSHARED-FRAGMENT",
    "annotation outside the fragment": "MARKER-LESSON-ANNOTATION",
    "annotation on an unshared fragment": "MARKER-OTHER-FRAGMENT-ANNOTATION",
    "withdrawn fragment on the agenda": "MARKER-WITHDRAWN-FRAGMENT",
    "annotation on a withdrawn fragment": "MARKER-WITHDRAWN-ANNOTATION",
}
CYCLE_MARKERS = {
    "goal": "MARKER-GRROW-GOAL",
    "reality": "MARKER-GRROW-REALITY",
    "resources": "MARKER-GRROW-RESOURCES",
    "options": "MARKER-GRROW-OPTIONS",
    "way forward": "MARKER-GRROW-WAY",
    "learning question": "MARKER-LEARNING-QUESTION",
    "comment on the question": "MARKER-QUESTION-COMMENT",
    "action": "MARKER-ACTION",
    "success criterion": "MARKER-SUCCESS",
    "reflection": "MARKER-REFLECTION",
    "coaching visit goals": "MARKER-VISIT-GOALS",
    "coaching visit reflections": "MARKER-VISIT-REFLECTIONS",
    "session note about the teacher": "MARKER-TEACHER-NOTE",
}


@pytest.fixture
def shared_lesson(world):
    """The teacher's lesson, one fragment of it shared with the klub, the school and the
    programme; private writing all around it."""
    teacher = world.teacher
    cycle = CycleFactory(teacher=teacher, klub=world.klub)
    question = cycle.learning_question
    question.goal = CYCLE_MARKERS["goal"]
    question.reality = CYCLE_MARKERS["reality"]
    question.resources = CYCLE_MARKERS["resources"]
    question.options = CYCLE_MARKERS["options"]
    question.way_forward = CYCLE_MARKERS["way forward"]
    question.question = CYCLE_MARKERS["learning question"]
    question.save()
    QuestionComment.objects.create(
        cycle=cycle, author=world.coach, body=CYCLE_MARKERS["comment on the question"]
    )
    Action.objects.create(
        cycle=cycle,
        description=CYCLE_MARKERS["action"],
        success_criterion=CYCLE_MARKERS["success criterion"],
        created_by=teacher,
    )
    Reflection.objects.create(cycle=cycle, author=teacher, body=CYCLE_MARKERS["reflection"])
    CoachingVisit.objects.create(
        coach=world.coach,
        teacher=teacher,
        klub=world.klub,
        kind=CoachingVisit.Kind.choices[0][0],
        visited_on=date.today(),
        goals=CYCLE_MARKERS["coaching visit goals"],
        reflections=CYCLE_MARKERS["coaching visit reflections"],
    )
    recording = Recording.objects.create(
        owner=teacher,
        klub=world.klub,
        cycle=cycle,
        title=RECORDING_MARKERS["recording title"],
        original_filename=RECORDING_MARKERS["file name"] + ".mp4",
        status=Recording.Status.READY,
        duration=120,
    )
    shared = Fragment.objects.create(
        recording=recording,
        created_by=teacher,
        title="Gedeelde instructie",
        reason=Fragment.Reason.STRENGTH,
        start=10,
        end=40,
    )
    unshared = Fragment.objects.create(
        recording=recording,
        created_by=teacher,
        title=RECORDING_MARKERS["unshared fragment"],
        reason=Fragment.Reason.STRENGTH,
        start=60,
        end=90,
    )
    Annotation.objects.create(
        recording=recording,
        author=teacher,
        at_seconds=100,
        body=RECORDING_MARKERS["annotation outside the fragment"],
    )
    Annotation.objects.create(
        recording=recording,
        fragment=unshared,
        author=teacher,
        at_seconds=70,
        body=RECORDING_MARKERS["annotation on an unshared fragment"],
    )
    Annotation.objects.create(
        recording=recording, fragment=shared, author=teacher, at_seconds=20, body="Kijk hier."
    )
    for audience in (Audience.KLUB, Audience.SCHOOL, Audience.PROGRAMME, Audience.FESTIVAL):
        Share.objects.create(
            fragment=shared, audience=audience, klub=world.klub, created_by=teacher
        )
    framework = Framework.objects.filter(klub=None, school=None, programme=None).first()
    observation = Observation.objects.create(
        fragment=shared,
        version=framework.versions.order_by("-number").first(),
        observer=world.colleague,
        notes="Rustige start.",
    )
    start = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(
        klub=world.klub,
        title="Klubsessie",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_by=world.coach,
        ical_uid="privacy-test@videoklub",
    )
    AgendaItem.objects.create(meeting=meeting, fragment=shared)
    # Put on the agenda while it was shared with the klub; the teacher took the share back.
    withdrawn = Fragment.objects.create(
        recording=recording,
        created_by=teacher,
        title=RECORDING_MARKERS["withdrawn fragment on the agenda"],
        reason=Fragment.Reason.STRENGTH,
        start=90,
        end=110,
    )
    Annotation.objects.create(
        recording=recording,
        fragment=withdrawn,
        author=world.coach,
        at_seconds=95,
        body=RECORDING_MARKERS["annotation on a withdrawn fragment"],
    )
    Share.objects.create(
        fragment=withdrawn,
        audience=Audience.KLUB,
        klub=world.klub,
        created_by=teacher,
        revoked_at=timezone.now(),
    )
    AgendaItem.objects.create(meeting=meeting, fragment=withdrawn, order=1)
    TeacherNote.objects.create(
        meeting=meeting,
        teacher=teacher,
        author=world.coach,
        body=CYCLE_MARKERS["session note about the teacher"],
    )
    return {
        "recording": recording,
        "fragment": shared,
        "framework": framework,
        "observation": observation,
        "meeting": meeting,
    }


def _start_urls(world, lesson) -> list[str]:
    recording, fragment = lesson["recording"], lesson["fragment"]
    fragment_kwargs = {"recording_uuid": recording.uuid, "pk": fragment.pk}
    observe = reverse("observations:observation_create", kwargs=fragment_kwargs)
    return [
        "/",
        reverse("analysis:fragment", kwargs=fragment_kwargs),
        reverse("analysis:fragment_annotations", kwargs=fragment_kwargs),
        observe,
        f"{observe}?kijkwijzer={lesson['framework'].pk}",
        reverse("observations:observation_detail", kwargs={"pk": lesson["observation"].pk}),
        reverse("sharing:klub", kwargs={"pk": world.klub.pk}),
        reverse("festival:programme", kwargs={"pk": world.programme.pk}),
        reverse("meetings:detail", kwargs={"pk": lesson["meeting"].pk}),
        reverse("meetings:session", kwargs={"pk": lesson["meeting"].pk}),
        reverse("meetings:ics", kwargs={"pk": lesson["meeting"].pk}),
        reverse("meetings:klub_ics", kwargs={"klub_pk": world.klub.pk}),
    ]


def crawl(client: Client, start: list[str]) -> dict[str, bytes]:
    """GET every page reachable from `start` by links and htmx URLs on the site."""
    seen: dict[str, bytes] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.content
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or DENY.search(parts.path):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                queue.append(path)
    return seen


@pytest.mark.parametrize("role", ["colleague", "coach", "school_leader", "project_staff"])
def test_no_private_field_reaches_a_page_through_a_share(world, shared_lesson, role):
    client = Client()
    client.force_login(world.user(role))
    pages = crawl(client, _start_urls(world, shared_lesson))

    # The crawl did reach the shared fragment (else the test would prove nothing).
    fragment = shared_lesson["fragment"]
    workspace = reverse(
        "analysis:fragment",
        kwargs={"recording_uuid": fragment.recording.uuid, "pk": fragment.pk},
    )
    assert b"Gedeelde instructie" in pages[workspace]
    assert len(pages) > 10

    # The klub's coach follows the cycle (question, actions, reflections, own visit notes).
    markers = dict(RECORDING_MARKERS)
    if role != "coach":
        markers.update(CYCLE_MARKERS)
    leaks = [
        f"{what} on {url}"
        for url, body in pages.items()
        for what, marker in markers.items()
        if marker.encode() in body
    ]
    assert leaks == []


def test_the_owner_does_see_the_markers(world, shared_lesson):
    """The control: the crawl finds the markers where they belong."""
    client = Client()
    client.force_login(world.teacher)
    pages = crawl(client, ["/"])
    everything = b"".join(pages.values())
    for marker in (*RECORDING_MARKERS.values(), CYCLE_MARKERS["learning question"]):
        assert marker.encode() in everything, marker
