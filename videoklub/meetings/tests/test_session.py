import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from videoklub.cycles.models import Action
from videoklub.meetings import selectors, services
from videoklub.meetings.models import Meeting, TeacherNote
from videoklub.observations.models import Annotation
from videoklub.recordings.models import Fragment
from videoklub.testing.factories import CycleFactory, UserFactory


def _annotate(fragment, author, at, body, **fields):
    return Annotation.objects.create(
        recording=fragment.recording,
        fragment=fragment,
        author=author,
        at_seconds=at,
        body=body,
        **fields,
    )


@pytest.fixture
def on_agenda(world, meeting, make_fragment):
    fragment = make_fragment(title="Instructie breuken")
    Fragment.objects.filter(pk=fragment.pk).update(
        export="x.mp4", export_status=Fragment.ExportStatus.READY
    )
    fragment.refresh_from_db()
    item = services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach, minutes=12)
    return item


def test_session_mode_shows_the_video_and_the_klubs_annotations(client, world, meeting, on_agenda):
    fragment = on_agenda.fragment  # starts at 10 s in the recording
    question = _annotate(fragment, world.teacher, 75.0, "Waarom hier een pauze?", kind="question")
    Annotation.objects.create(
        recording=fragment.recording,
        fragment=fragment,
        author=world.colleague,
        parent=question,
        at_seconds=75.0,
        body="Om denktijd te geven.",
    )
    client.force_login(world.coach)
    response = client.get(reverse("meetings:session", args=[meeting.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    video_url = reverse("recordings:fragment_video", args=[fragment.recording.uuid, fragment.pk])
    assert f'src="{video_url}"' in body
    assert "Waarom hier een pauze?" in body and "Om denktijd te geven." in body
    assert escape(str(world.colleague)) in body
    # The video is the cut fragment: 75 s in the recording is 65 s into the file; the
    # annotation still reads in lesson time, as everywhere.
    assert 'data-seek="65.00"' in body and ">1:15</button>" in body
    assert 'data-seconds="720"' in body and ">12:00</p>" in body  # 12 minutes for the timer
    assert "videoklub/session.js" in body


def test_an_annotation_reads_the_same_in_session_mode_as_in_the_workspace(
    client, world, meeting, on_agenda
):
    """Once 0:02 in the workspace and 00:01 in session mode: one lesson time everywhere."""
    fragment = on_agenda.fragment  # starts at 10 s in the recording
    _annotate(fragment, world.teacher, 12.6, "Kijk naar de handen")
    client.force_login(world.coach)
    workspace = client.get(
        reverse("analysis:fragment", args=[fragment.recording.uuid, fragment.pk])
    ).content.decode()
    session = client.get(reverse("meetings:session", args=[meeting.pk])).content.decode()
    assert ">0:12</button>" in workspace
    assert ">0:12</button>" in session


def test_the_annotation_list_is_polled_as_a_partial(client, world, meeting, on_agenda):
    client.force_login(world.coach)
    url = reverse("meetings:session_annotations", args=[meeting.pk, on_agenda.pk])
    _annotate(on_agenda.fragment, world.teacher, 20, "Nieuw intussen")
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Nieuw intussen" in body and 'hx-trigger="every 10s"' in body and "<html" not in body


def test_a_teacher_cannot_open_session_mode(client, world, meeting, on_agenda):
    client.force_login(world.teacher)
    assert client.get(reverse("meetings:session", args=[meeting.pk])).status_code == 403


def test_session_mode_data_takes_a_constant_number_of_queries(world, meeting, make_fragment):
    def fill(count):
        for n in range(count):
            fragment = make_fragment(title=f"F{n}", owner=UserFactory())
            services.agenda_add(meeting=meeting, fragment=fragment, added_by=world.coach)
            for at in (12, 20, 30):
                parent = _annotate(fragment, UserFactory(), at, "Kijk")
                _annotate(fragment, UserFactory(), at, "Antwoord", parent=parent)

    fill(2)
    with CaptureQueriesContext(connection) as few:
        items = selectors.session_mode_data(meeting)
        _touch(items)
    fill(18)
    with CaptureQueriesContext(connection) as many:
        items = selectors.session_mode_data(meeting)
        _touch(items)
    assert len(items) == 20
    assert len(many) == len(few) <= 4


def _touch(items):
    for item in items:
        str(item.fragment.recording.owner)
        for annotation in item.fragment.session_annotations:
            str(annotation.author)
            for reply in annotation.replies.all():
                str(reply.author)


def test_the_coach_notes_live_for_a_present_teacher(client, world, meeting, on_agenda):
    client.force_login(world.coach)
    url = reverse("meetings:session_note", args=[meeting.pk, world.teacher.pk])
    response = client.post(
        url, {f"note-{world.teacher.pk}-body": "Sterke instructie."}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="teacher-{world.teacher.pk}"' in body and "Sterke instructie." in body
    assert "<video" not in body  # only the panel is swapped
    assert TeacherNote.objects.get().teacher == world.teacher


def test_an_empty_note_without_javascript_shows_the_error_on_the_page(client, world, meeting):
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:session_note", args=[meeting.pk, world.teacher.pk]),
        {f"note-{world.teacher.pk}-body": ""},
    )
    assert response.status_code == 200
    [entry] = [e for e in response.context["panels"] if e["panel"].teacher == world.teacher]
    assert "body" in entry["note_form"].errors
    assert f'id="teacher-{world.teacher.pk}"' in response.content.decode()
    assert "<details open>" in response.content.decode()
    assert not TeacherNote.objects.exists()


def test_the_coach_agrees_an_action_in_the_session(client, world, meeting, on_agenda):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    client.force_login(world.coach)
    prefix = f"action-{world.teacher.pk}"
    response = client.post(
        reverse("meetings:session_action", args=[meeting.pk, world.teacher.pk]),
        {
            f"{prefix}-description": "Beurtverdeling met naamstokjes.",
            f"{prefix}-success_criterion": "Elke leerling komt één keer aan de beurt.",
            f"{prefix}-due_on": "2030-02-01",
            "item": on_agenda.pk,
        },
    )
    assert response.status_code == 302
    assert f"item={on_agenda.pk}" in response["Location"]
    action = Action.objects.get()
    assert (action.cycle, action.meeting) == (cycle, meeting)


def test_an_action_without_an_open_cycle_shows_a_clear_error(client, world, meeting, on_agenda):
    client.force_login(world.coach)
    prefix = f"action-{world.teacher.pk}"
    response = client.post(
        reverse("meetings:session_action", args=[meeting.pk, world.teacher.pk]),
        {f"{prefix}-description": "x", f"{prefix}-success_criterion": "y"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "no open development cycle" in response.content.decode()
    assert not Action.objects.exists()


def test_only_present_teachers_get_a_panel(client, world, meeting, on_agenda):
    services.attendance_set(meeting=meeting, present_user_ids=[world.colleague.pk, world.coach.pk])
    client.force_login(world.coach)
    response = client.get(reverse("meetings:session", args=[meeting.pk]))
    teachers = [entry["panel"].teacher for entry in response.context["panels"]]
    assert teachers == [world.colleague]
    note_url = reverse("meetings:session_note", args=[meeting.pk, world.teacher.pk])
    assert client.post(note_url, {f"note-{world.teacher.pk}-body": "x"}).status_code == 404


def test_start_and_finish_buttons(client, world, meeting):
    client.force_login(world.coach)
    client.post(reverse("meetings:start", args=[meeting.pk]))
    assert Meeting.objects.get().status == Meeting.Status.RUNNING
    response = client.post(reverse("meetings:finish", args=[meeting.pk]))
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert Meeting.objects.get().status == Meeting.Status.HELD


def test_previous_and_next_walk_the_agenda(client, world, meeting, on_agenda, make_fragment):
    second = services.agenda_add(
        meeting=meeting, fragment=make_fragment(title="Tweede"), added_by=world.coach
    )
    client.force_login(world.coach)
    first_page = client.get(reverse("meetings:session", args=[meeting.pk]))
    assert first_page.context["current"] == on_agenda
    assert first_page.context["next"] == second
    second_page = client.get(reverse("meetings:session", args=[meeting.pk]), {"item": second.pk})
    assert second_page.context["current"] == second
    assert second_page.context["previous"] == on_agenda
    assert "not ready yet" in second_page.content.decode()  # no cut file for this one
