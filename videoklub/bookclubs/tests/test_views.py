"""The pages: a club's story end to end, bad input in Dutch, the calendar file, query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from videoklub.bookclubs import selectors, services
from videoklub.bookclubs.models import BookClub, ClubMeeting, Insight, RoleAssignment
from videoklub.meetings.models import WorkForm
from videoklub.notifications.models import Kind, Notification


def test_a_teacher_starts_a_club_plans_a_meeting_and_shares_an_insight(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("bookclubs:create"),
        {
            "where": f"school-{world.school.pk}",
            "title": "Leesclub wachttijd",
            "book_title": "Denktijd in de klas",
            "book_authors": "M. Rowe",
            "isbn": "978-0-306-40615-7",
            "why": "Meer leerlingen aan het woord.",
        },
    )
    club = BookClub.objects.get(title="Leesclub wachttijd")
    assert response.status_code == 302
    assert club.isbn == "9780306406157" and club.facilitator == world.teacher

    client.post(reverse("bookclubs:member_add", args=[club.pk]), {"user": world.colleague.pk})
    assert Notification.objects.filter(
        recipient=world.colleague, kind=Kind.BOOK_CLUB_JOINED
    ).exists()

    work_form = WorkForm.objects.get(code="bookclub-placemat")
    day = timezone.localdate() + timedelta(days=7)
    response = client.post(
        reverse("bookclubs:meeting_create", args=[club.pk]),
        {
            "date": day.isoformat(),
            "start_time": "15:45",
            "end_time": "17:00",
            "place": "Bib",
            "reading": "hoofdstuk 1",
            "work_form": work_form.pk,
            "template": "start",
        },
    )
    meeting = ClubMeeting.objects.get(club=club)
    assert response.status_code == 302
    assert meeting.questions.startswith("Doel: ")
    planned = Notification.objects.get(recipient=world.colleague, kind=Kind.BOOK_CLUB_MEETING)
    assert "BEGIN:VEVENT" in planned.calendar

    client.post(reverse("bookclubs:roles_rotate", args=[club.pk]))
    assert RoleAssignment.objects.filter(meeting=meeting).count() == 4

    page = client.get(reverse("bookclubs:meeting", args=[meeting.pk])).content.decode()
    assert "Placemat (boekenclub)" in page and "middenvak" in page  # the how-to
    assert "Gespreksleider" in page and "Doel:" in page
    client.post(
        reverse("bookclubs:meeting", args=[meeting.pk]),
        {"questions": meeting.questions, "notes": "Goed gesprek.", "held": "on"},
    )
    meeting.refresh_from_db()
    assert meeting.held and meeting.notes == "Goed gesprek."

    client.post(
        reverse("bookclubs:insight_create", args=[club.pk]),
        {"kind": "quote", "text": "Wacht drie seconden.", "page_ref": "12"},
    )
    insight = Insight.objects.get(club=club)
    response = client.post(reverse("bookclubs:insight_share", args=[insight.pk]), {"share": "1"})
    assert response.status_code == 302
    client.force_login(world.school_leader)
    page = client.get(reverse("bookclubs:school_insights", args=[world.school.pk]))
    assert "Wacht drie seconden." in page.content.decode()


def test_a_wrong_isbn_is_refused_in_dutch_and_nothing_typed_is_lost(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("bookclubs:create"),
        {
            "where": f"school-{world.school.pk}",
            "title": "Mijn club",
            "book_title": "Een mooi boek",
            "isbn": "978-0-306-40615-8",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldig ISBN" in page
    assert 'value="Een mooi boek"' in page and 'value="978-0-306-40615-8"' in page
    assert not BookClub.objects.exists()


def test_a_club_needs_an_isbn_or_a_link(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("bookclubs:create"),
        {"where": f"school-{world.school.pk}", "title": "Club", "book_title": "Artikel"},
    )
    assert "Geef het ISBN van het boek of een link naar het artikel." in response.content.decode()


def test_a_meeting_that_ends_before_it_starts_is_refused_in_dutch(client, world, club):
    client.force_login(world.teacher)
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        reverse("bookclubs:meeting_create", args=[club.pk]),
        {
            "date": day,
            "start_time": "17:00",
            "end_time": "16:00",
            "place": "Refter",
            "template": "middle",
        },
    )
    page = response.content.decode()
    assert "De bijeenkomst moet eindigen nadat ze begint." in page
    assert 'value="Refter"' in page
    assert not club.meetings.exists()


def test_bad_insights_are_refused_in_dutch_with_the_text_kept(client, world, club):
    client.force_login(world.colleague)
    url = reverse("bookclubs:insight_create", args=[club.pk])
    response = client.post(url, {"kind": "link", "text": "Een goede blog"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voeg de link toe die je wilt bewaren." in page and "Een goede blog" in page
    response = client.post(url, {"kind": "note", "text": ""})
    assert response.status_code == 400 and "Dit veld is verplicht." in response.content.decode()
    assert not club.insights.exists()


def test_a_file_insight_is_downloaded_by_members_only(client, world, club):
    upload = SimpleUploadedFile("placemat.txt", b"middenvak", content_type="text/plain")
    insight = services.insight_create(
        club=club, author=world.teacher, kind="file", text="Foto van de placemat", file=upload
    )
    client.force_login(world.colleague)
    response = client.get(reverse("bookclubs:insight_file", args=[insight.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"middenvak"
    client.force_login(world.school_leader)
    assert client.get(reverse("bookclubs:insight_file", args=[insight.pk])).status_code == 404


def test_the_calendar_file_has_every_meeting_with_a_stable_uid(client, world, club, make_meeting):
    first = make_meeting(days=7, reading="hoofdstuk 1", place="Bib")
    make_meeting(days=21, reading="hoofdstuk 2")
    client.force_login(world.colleague)
    response = client.get(reverse("bookclubs:ics", args=[club.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert str(events[0]["uid"]) == first.ical_uid
    assert "Boekenclub: Leesclub feedback" in str(events[0]["summary"])
    assert "Te lezen: hoofdstuk 1" in str(events[0]["description"])
    assert str(events[0]["location"]) == "Bib"
    again = Calendar.from_ical(client.get(reverse("bookclubs:ics", args=[club.pk])).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [str(e["uid"]) for e in events]


def test_the_self_evaluation_asks_every_score_in_dutch_and_can_be_redone(client, world, club):
    client.force_login(world.colleague)
    url = reverse("bookclubs:evaluation", args=[club.pk])
    response = client.post(url, {"understood": "4", "open_answer": "Meer wachttijd."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een score van 1 tot 5." in page and "Meer wachttijd." in page
    scores = {"understood": 4, "tried": 5, "pupils": 3, "conversation": 5, "continue_with": 4}
    client.post(url, {**{k: str(v) for k, v in scores.items()}, "open_answer": "Veel."})
    client.post(url, {**{k: str(v) for k, v in scores.items()}, "tried": "2", "open_answer": ""})
    evaluation = club.evaluations.get()
    assert evaluation.tried == 2 and evaluation.user == world.colleague


def test_only_the_experimenter_keeps_the_logbook_and_the_club_reviews_it(
    client, world, club, make_meeting
):
    meeting = make_meeting()
    experiment = services.experiment_create(
        club=club, member=world.colleague, what="Drie seconden wachten"
    )
    url = reverse("bookclubs:experiment", args=[experiment.pk])
    client.force_login(world.colleague)
    client.post(url, {"body": "Twee stille leerlingen antwoordden."})
    client.force_login(world.teacher)
    response = client.post(url, {"body": "Niet van mij."})
    assert response.status_code == 400
    assert "Alleen de collega die dit experiment uitprobeert" in response.content.decode()
    client.post(url, {"meeting": meeting.pk, "review": "We proberen het langer."})
    experiment.refresh_from_db()
    assert experiment.entries.count() == 1
    assert experiment.reviewed_at_meeting == meeting


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _grow(club, world, make_meeting, n):
    for i in range(n):
        make_meeting(days=7 * (i + 1), reading=f"hoofdstuk {i}")
        note = services.insight_create(
            club=club, author=world.colleague, kind="note", text=f"Inzicht {i}"
        )
        services.insight_share(insight=note, by=world.colleague, share=True)
        experiment = services.experiment_create(club=club, member=world.colleague, what=f"E{i}")
        services.logbook_add(experiment=experiment, by=world.colleague, body="ok")
    services.roles_rotate(club=club, by=world.teacher)


@pytest.mark.parametrize("name", ["detail", "school_insights"])
def test_club_and_school_pages_use_a_constant_number_of_queries(
    client, world, club, make_meeting, name
):
    url = reverse(f"bookclubs:{name}", args=[club.pk if name == "detail" else world.school.pk])
    client.force_login(world.teacher)
    _grow(club, world, make_meeting, 1)
    small = _queries(client, url)
    _grow(club, world, make_meeting, 5)
    assert _queries(client, url) == small


def test_my_book_clubs_list_uses_a_constant_number_of_queries(client, world, club):
    client.force_login(world.teacher)
    url = reverse("bookclubs:list")
    small = _queries(client, url)
    for i in range(4):
        services.book_club_create(
            by=world.teacher, school=world.school, title=f"Club {i}", book_title="B", isbn=""
        )
    assert _queries(client, url) == small
    assert "Club 3" in client.get(url).content.decode()


def test_book_club_numbers_count_clubs_meetings_held_and_members(world, club, make_meeting):
    held = make_meeting(days=-7)
    make_meeting(days=7)
    services.club_meeting_save(meeting=held, by=world.teacher, questions="", notes="", held=True)
    cross = services.book_club_create(
        by=world.project_staff, programme=world.programme, title="Netwerk", book_title="B"
    )
    services.member_add(club=cross, user=world.teacher, by=world.project_staff)
    services.book_club_create(
        by=world.other_teacher, school=world.other_school, title="Elders", book_title="B"
    )
    numbers = selectors.book_club_numbers(world.programme)
    assert numbers == {"clubs": 2, "meetings_held": 1, "members": 3}


def test_the_demo_club_is_made_once_with_a_shared_insight(world):
    from videoklub.bookclubs.demo import seed_demo_bookclubs
    from videoklub.organisations.models import School

    School.objects.filter(pk=world.school.pk).update(name="Kleuterschool De Speelvogel")
    assert seed_demo_bookclubs() is True
    assert seed_demo_bookclubs() is False
    club = BookClub.objects.get(title="Boekenclub feedback")
    assert club.status == BookClub.Status.RUNNING
    assert club.meetings.filter(status=ClubMeeting.Status.HELD).count() == 1
    assert RoleAssignment.objects.filter(meeting__club=club).count() == 4 * 4
    assert club.insights.filter(shared_with_school=True).count() == 1
    assert club.experiments.get().entries.count() == 1


def test_htmx_gets_the_insights_folder_and_the_notes_as_partials(client, world, club, insight):
    client.force_login(world.colleague)
    htmx = {"HX-Request": "true"}
    response = client.post(
        reverse("bookclubs:insight_share", args=[insight.pk]), {"share": "1"}, headers=htmx
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="insights"' in page and "<html" not in page
    assert "Enkel voor de boekenclub houden" in page  # the button now takes it back
    start = timezone.now() + timedelta(days=3)
    meeting = services.club_meeting_create(
        club=club, by=world.teacher, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    response = client.post(
        reverse("bookclubs:meeting", args=[meeting.pk]),
        {"questions": "Doel: x", "notes": "Genoteerd."},
        headers=htmx,
    )
    page = response.content.decode()
    assert 'id="notes"' in page and "<html" not in page and "Genoteerd." in page
    assert "De bijeenkomst is bewaard." in page
    # Without htmx the same URLs answer with the whole page (after a redirect).
    full = client.get(reverse("bookclubs:detail", args=[club.pk]))
    assert "<html" in full.content.decode() and 'id="insights"' in full.content.decode()


def test_the_facilitator_gives_one_role_to_someone_else(client, world, club, make_meeting):
    from videoklub.bookclubs.tests.conftest import member_of

    meeting = make_meeting()
    services.roles_rotate(club=club, by=world.teacher)
    url = reverse("bookclubs:role_assign", args=[meeting.pk])
    client.force_login(world.teacher)
    response = client.post(url, {"role": "moderator"})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    colleague = member_of(club, world.colleague)
    client.post(url, {"role": "moderator", "member": colleague.pk})
    assert meeting.roles.get(role="moderator").member == colleague
    client.force_login(world.colleague)
    assert client.post(url, {"role": "moderator", "member": colleague.pk}).status_code == 403
