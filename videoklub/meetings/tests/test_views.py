from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from videoklub.meetings import services
from videoklub.meetings.models import AgendaItem, Attendance, Meeting, WorkForm
from videoklub.sharing.models import Audience

NEXT_WEEK = (timezone.localdate() + timedelta(days=7)).isoformat()


def _form(**overrides):
    data = {
        "title": "Bijeenkomst feedback",
        "date": NEXT_WEEK,
        "start_time": "15:45",
        "end_time": "17:00",
        "place": "Lokaal 12",
        "work_form": WorkForm.objects.get(code="placemat").pk,
    }
    return {**data, **overrides}


def test_the_coach_plans_a_session(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("meetings:create", args=[world.klub.pk]))
    assert "Placemat" in page.content.decode()  # the work forms with their summary
    response = client.post(reverse("meetings:create", args=[world.klub.pk]), _form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.klub, meeting.created_by, meeting.place) == (
        world.klub,
        world.coach,
        "Lokaal 12",
    )
    local_start = timezone.localtime(meeting.starts_at)
    assert (local_start.hour, local_start.minute) == (15, 45)
    assert meeting.ends_at - meeting.starts_at == timedelta(hours=1, minutes=15)


def test_a_teacher_cannot_plan_a_session(client, world):
    client.force_login(world.teacher)
    response = client.post(reverse("meetings:create", args=[world.klub.pk]), _form())
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_an_end_before_the_start_is_a_form_error(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:create", args=[world.klub.pk]), _form(end_time="15:00")
    )
    assert response.status_code == 200
    assert "end after it starts" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_coach_edits_a_session(client, world, meeting):
    client.force_login(world.coach)
    assert client.get(reverse("meetings:edit", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("meetings:edit", args=[meeting.pk]), _form(title="Verplaatst", place="")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place, meeting.work_form.code) == ("Verplaatst", "", "placemat")


@pytest.mark.parametrize("role", ["teacher", "colleague", "coach"])
def test_klub_members_see_the_sessions(client, world, meeting, role):
    client.force_login(getattr(world, role))
    listing = client.get(reverse("meetings:list", args=[world.klub.pk]))
    assert meeting.title in listing.content.decode()
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


@pytest.mark.parametrize(
    "role", ["school_leader", "project_staff", "other_teacher", "other_coach", "no_membership"]
)
def test_others_do_not_even_see_that_a_session_exists(client, world, meeting, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("meetings:list", args=[world.klub.pk])).status_code == 404
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_the_list_separates_upcoming_and_past_sessions(client, world, meeting):
    start = timezone.now() - timedelta(days=30)
    services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Vorige keer",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    client.force_login(world.teacher)
    response = client.get(reverse("meetings:list", args=[world.klub.pk]))
    assert [m.title for m in response.context["upcoming"]] == [meeting.title]
    assert [m.title for m in response.context["past"]] == ["Vorige keer"]


def test_the_list_takes_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.teacher)
    url = reverse("meetings:list", args=[world.klub.pk])
    client.get(url)
    for n in range(15):
        start = timezone.now() + timedelta(days=n)
        services.meeting_create(
            klub=world.klub,
            created_by=world.coach,
            title=f"Sessie {n}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            work_form=WorkForm.objects.first(),
        )
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


# --- Agenda through the page ---------------------------------------------------------------


def _add(client, meeting, fragment, **headers):
    return client.post(
        reverse("meetings:agenda_add", args=[meeting.pk]),
        {"fragment": fragment.pk, "minutes": "10"},
        headers=headers,
        follow=not headers,
    )


def test_the_picker_offers_the_fragments_shared_with_the_klub(
    client, world, meeting, make_fragment
):
    shared = make_fragment(title="Gedeeld fragment")
    make_fragment(title="Niet gedeeld", share=False)
    make_fragment(title="Andere klub", owner=world.other_teacher, klub=world.other_klub)
    client.force_login(world.coach)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Gedeeld fragment" in page and escape(str(world.colleague)) in page
    assert "Niet gedeeld" not in page and "Andere klub" not in page
    response = _add(client, meeting, shared)
    assert AgendaItem.objects.get().fragment == shared
    assert "Gedeeld fragment" in response.content.decode()


def test_an_unshared_fragment_posted_anyway_gets_a_clear_message(
    client, world, meeting, make_fragment
):
    client.force_login(world.coach)
    response = _add(client, meeting, make_fragment(share=False))
    assert response.status_code == 200
    assert "not shared with this klub" in response.content.decode()
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("revoked", "withdrawn"), ("expired", "expired"), ("other_klub", "another klub")],
)
def test_the_agenda_says_why_a_fragment_is_refused(
    client, world, meeting, make_fragment, kind, expected
):
    fragment = {
        "revoked": lambda: make_fragment(revoked_at=timezone.now()),
        "expired": lambda: make_fragment(expires_at=timezone.now() - timedelta(minutes=1)),
        "other_klub": lambda: make_fragment(owner=world.other_teacher, klub=world.other_klub),
    }[kind]()
    client.force_login(world.coach)
    response = _add(client, meeting, fragment, HX_Request="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert expected in body and 'id="agenda"' in body and "<html" not in body
    assert not AgendaItem.objects.exists()


def test_a_fragment_that_does_not_exist_is_refused_without_an_error_page(client, world, meeting):
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:agenda_add", args=[meeting.pk]), {"fragment": "999999"}, follow=True
    )
    assert response.status_code == 200
    assert "not shared with this klub" in response.content.decode()


def test_items_move_and_disappear_with_htmx_and_without(client, world, meeting, make_fragment):
    first = services.agenda_add(
        meeting=meeting, fragment=make_fragment(title="Eerste"), added_by=world.coach
    )
    second = services.agenda_add(
        meeting=meeting,
        fragment=make_fragment(title="Tweede", audience=Audience.PROGRAMME),
        added_by=world.coach,
    )
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:agenda_move", args=[meeting.pk, second.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.index("Tweede") < body.index("Eerste") and "<html" not in body
    response = client.post(reverse("meetings:agenda_remove", args=[meeting.pk, first.pk]))
    assert response.status_code == 302
    assert list(AgendaItem.objects.values_list("fragment__title", flat=True)) == ["Tweede"]


def test_a_teacher_cannot_change_the_agenda(client, world, meeting, make_fragment):
    client.force_login(world.teacher)
    assert _add(client, meeting, make_fragment(), HX_Request="true").status_code == 403


# --- Attendance ------------------------------------------------------------------------------


def test_the_coach_records_attendance(client, world, meeting):
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"present": [world.teacher.pk]}
    )
    assert response.status_code == 302
    assert set(Attendance.objects.filter(present=True).values_list("user_id", flat=True)) == {
        world.teacher.pk
    }


def test_attendance_of_a_stranger_is_refused_with_a_message(client, world, meeting):
    client.force_login(world.coach)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"present": [world.teacher.pk, world.other_teacher.pk]},
        follow=True,
    )
    assert "Only members of the klub" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_detail_shows_the_work_forms_how_to(client, world, meeting):
    meeting.work_form = WorkForm.objects.get(code="silent-discussion")
    meeting.save(update_fields=["work_form"])
    client.force_login(world.teacher)
    body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Stil gesprek" in body
    assert "Loop rond en lees alles" in body


def test_the_detail_page_takes_a_constant_number_of_queries(
    client, world, meeting, make_fragment, django_assert_max_num_queries
):
    client.force_login(world.coach)
    url = reverse("meetings:detail", args=[meeting.pk])
    for n in range(12):
        services.agenda_add(
            meeting=meeting, fragment=make_fragment(title=f"F{n}"), added_by=world.coach
        )
        make_fragment(title=f"Nog te kiezen {n}")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    body = response.content.decode()
    assert "F11" in body and "Nog te kiezen 11" in body
    assert ">0:30</span>" in body  # a fragment of 30 seconds, in lesson time
