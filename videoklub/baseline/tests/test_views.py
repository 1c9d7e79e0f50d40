"""The pages: forms that keep what was typed and say in Dutch what is wrong, htmx partials
that are also whole pages, the confirmation before leaving items open, and the PDF."""

import io

import pytest
from pypdf import PdfReader

from videoklub.baseline import selectors, services
from videoklub.baseline.checklist import checklist_items
from videoklub.baseline.models import ActionPlanItem, ChecklistTick, SchoolTrack
from videoklub.baseline.tests.helpers import practice, second_school, track_of, url

pytestmark = pytest.mark.django_db


def test_the_coach_fills_in_the_baseline(client, world):
    client.force_login(world.coach)
    response = client.post(
        url("baseline_edit", world),
        {
            "intake_on": "2026-10-01",
            "intake_participants": "Directie en coach",
            "team_size": "22",
            "result_trends": "Rekenen daalt licht.",
            "priority_growth-oriented-feedback": "4",
            "comment_growth-oriented-feedback": "Prioriteit van het team",
        },
    )
    assert response.status_code == 302
    track = SchoolTrack.objects.get()
    assert track.team_size == 22
    assert track.priorities.get().priority == 4
    page = client.get(url("track", world)).content.decode()
    assert "Rekenen daalt licht." in page and "Prioriteit van het team" in page


def test_a_bad_baseline_is_refused_in_dutch_and_nothing_is_lost(client, world):
    client.force_login(world.coach)
    response = client.post(
        url("baseline_edit", world),
        {"intake_on": "gisteren", "team_size": "veel", "intake_notes": "Mijn lange notities"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voer een geldige datum in" in page
    assert "Voer een geheel getal in" in page
    assert "Mijn lange notities" in page
    assert not SchoolTrack.objects.filter(intake_notes__contains="lange").exists()


def test_an_empty_final_report_is_refused_in_dutch(client, world):
    client.force_login(world.coach)
    response = client.post(url("report_edit", world), {"report": "", "final": "on"})
    assert response.status_code == 400
    assert "Schrijf de analyse voor je ze definitief maakt." in response.content.decode()


def test_a_focus_without_its_statement_is_refused_in_dutch(client, world):
    client.force_login(world.coach)
    response = client.post(
        url("feedback_edit", world),
        {"focus_practice": practice().pk, "feedback_notes": "Goed gesprek"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeg in één zin wat de school wil bereiken." in page
    assert "Goed gesprek" in page


def test_the_core_team_adds_an_action_and_sets_its_status_with_htmx(client, world):
    client.force_login(world.school_leader)
    response = client.post(
        url("action_create", world),
        {"goal": "Feedback", "action": "Filmen", "owner_text": "Kernteam", "status": "open"},
    )
    assert response.status_code == 302
    item = ActionPlanItem.objects.get()
    response = client.post(
        url("action_status", world, item.pk), {"status": "done"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="actieplan"' in page and "<html" not in page
    item.refresh_from_db()
    assert item.status == "done"


def test_an_action_without_anybody_is_refused_in_dutch(client, world):
    client.force_login(world.school_leader)
    response = client.post(
        url("action_create", world), {"goal": "Feedback", "action": "Filmen", "status": "open"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeg wie het doet" in page and "Filmen" in page


def test_an_action_of_another_track_is_not_found(client, world):
    school, coach, _leader = second_school(world)
    track_of(world)
    other = selectors.track_for_user(coach, world.programme.pk, school.pk)
    item = services.action_item_create(track=other, by=coach, goal="G", action="A", owner_text="X")
    client.force_login(world.coach)
    assert client.get(url("action_edit", world, item.pk)).status_code == 404


def test_ticking_works_with_and_without_javascript(client, world):
    client.force_login(world.school_leader)
    key = checklist_items("explore")[0].key
    response = client.post(url("checklist_tick", world), {"item": key, "ticked": "1"})
    assert response.status_code == 302
    assert ChecklistTick.objects.get().ticked_by == world.school_leader
    response = client.post(
        url("checklist_tick", world), {"item": key, "ticked": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="implementatie"' in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_moving_on_asks_first_and_keeps_the_note(client, world):
    client.force_login(world.school_leader)
    response = client.post(url("phase_move", world), {"to_phase": "prepare", "note": "Klaar!"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nog niet afgevinkt" in page and "Ja, toch verder" in page and "Klaar!" in page
    assert SchoolTrack.objects.get().phase == "explore"
    response = client.post(
        url("phase_move", world), {"to_phase": "prepare", "note": "Klaar!", "confirmed": "1"}
    )
    assert response.status_code == 302
    track = SchoolTrack.objects.get()
    assert track.phase == "prepare"
    page = client.get(url("track", world)).content.decode()
    assert "Fasegeschiedenis" in page and "Klaar!" in page


def test_evidence_needs_an_address_or_a_session(client, world):
    client.force_login(world.coach)
    response = client.post(url("evidence_add", world), {"title": "Plan", "url": "geen adres"})
    assert response.status_code == 400
    assert "Voer een geldige URL in" in response.content.decode()
    response = client.post(url("evidence_add", world), {"title": "Plan"})
    assert response.status_code == 400
    assert "Geef als bewijs een webadres of een klubbijeenkomst" in response.content.decode()
    response = client.post(
        url("evidence_add", world), {"title": "Plan", "url": "https://example.org/plan"}
    )
    assert response.status_code == 302


def test_the_report_pdf_names_the_school_and_its_focus(client, world):
    track = track_of(world)
    services.report_update(
        track=track, by=world.coach, report="Eerste alinea.\n\nTweede alinea.", final=True
    )
    services.feedback_update(
        track=track,
        by=world.coach,
        data={},
        focus_practice=practice(),
        focus_statement="Feedback tijdens het werk",
    )
    client.force_login(world.school_leader)
    response = client.get(url("report_pdf", world))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join("".join(page.extract_text() for page in reader.pages).split())
    assert world.school.name in text
    assert "Feedback tijdens het werk" in text
    assert "Tweede alinea." in text


def test_the_school_and_programme_pages_link_to_the_tracks_for_who_may_follow_them(client, world):
    from django.urls import reverse

    school_page = reverse("home:school_detail", args=[world.school.pk])
    programme_page = reverse("home:programme_detail", args=[world.programme.pk])
    track_link = url("track", world)
    client.force_login(world.school_leader)
    assert track_link in client.get(school_page).content.decode()
    client.force_login(world.teacher)
    assert track_link not in client.get(school_page).content.decode()
    client.force_login(world.project_staff)
    assert (
        reverse("baseline:programme", args=[world.programme.pk])
        in client.get(programme_page).content.decode()
    )
    assert not SchoolTrack.objects.exists()


def test_a_made_up_status_or_checklist_item_changes_nothing_and_says_so(client, world):
    track = track_of(world)
    item = services.action_item_create(
        track=track, by=world.coach, goal="G", action="A", owner_text="Kernteam"
    )
    client.force_login(world.school_leader)
    response = client.post(
        url("action_status", world, item.pk), {"status": "vergeten"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.status == "open"
    response = client.post(url("checklist_tick", world), {"item": "verzonnen", "ticked": "1"})
    assert response.status_code == 302
    assert not ChecklistTick.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Dit punt van de checklist bestaat niet." in page
