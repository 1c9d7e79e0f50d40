"""Answering a survey: only the invited person, once, with every required answer; what is
stored has no link to them."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from videoklub.notifications.models import Kind, Notification
from videoklub.surveys import selectors, services
from videoklub.surveys.models import Invitation, Response
from videoklub.surveys.tests.helpers import administration, answers_for


def _invited(world):
    adm = administration(world)
    services.administration_invite(administration=adm, by=world.project_staff)
    return adm, Invitation.objects.get(administration=adm, user=world.teacher)


def test_inviting_reaches_the_programmes_teachers_once_with_their_own_link(world):
    adm, invitation = _invited(world)
    invited = set(adm.invitations.values_list("user_id", flat=True))
    assert invited == {world.teacher.pk, world.colleague.pk}
    note = Notification.objects.get(recipient=world.teacher, kind=Kind.SURVEY_INVITED)
    assert note.url == reverse("surveys:respond", args=[invitation.token])
    assert services.administration_invite(administration=adm, by=world.project_staff) == []
    assert Notification.objects.filter(kind=Kind.SURVEY_INVITED).count() == 2


def test_a_reminder_goes_only_to_who_has_not_answered(world):
    adm, invitation = _invited(world)
    services.response_submit(
        invitation=invitation, by=world.teacher, answers=answers_for(adm.version, 4)
    )
    assert services.administration_remind(administration=adm, by=world.project_staff) == 1
    reminded = Notification.objects.filter(kind=Kind.SURVEY_REMINDER)
    assert list(reminded.values_list("recipient_id", flat=True)) == [world.colleague.pk]


def test_the_invited_teacher_sees_the_survey_in_their_list(client, world):
    _adm, invitation = _invited(world)
    assert selectors.open_invitations_for(world.teacher) == [invitation]
    client.force_login(world.teacher)
    page = client.get(reverse("surveys:my_surveys")).content.decode()
    assert reverse("surveys:respond", args=[invitation.token]) in page
    client.force_login(world.coach)
    page = client.get(reverse("surveys:my_surveys")).content.decode()
    assert "Er wacht geen vragenlijst op je." in page


def test_answering_stores_answers_under_a_pseudonym_only(client, world):
    adm, invitation = _invited(world)
    client.force_login(world.teacher)
    url = reverse("surveys:respond", args=[invitation.token])
    data = {key: "4" for key in answers_for(adm.version, 4)}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == reverse("surveys:thanks")
    stored = Response.objects.get()
    # No field of a response points at a person or holds a time.
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {"id", "administration", "pseudonym", "answers", "submitted_on"}
    assert not any(
        f.is_relation and f.related_model is type(world.teacher) for f in fields.values()
    )
    assert stored.submitted_on == timezone.localdate()
    assert stored.pseudonym == services.pseudonym(world.programme.pk, world.teacher.pk)
    assert len(stored.pseudonym) == 64 and int(stored.pseudonym, 16) >= 0
    assert stored.answers == answers_for(adm.version, 4)
    invitation.refresh_from_db()
    assert invitation.responded
    # Nor does the invitation point at the response.
    assert not any(
        f.is_relation and f.related_model is Response for f in Invitation._meta.get_fields()
    )


def test_the_pseudonym_pairs_one_person_within_a_programme_only(world):
    same = services.pseudonym(world.programme.pk, world.teacher.pk)
    assert services.pseudonym(world.programme.pk, world.teacher.pk) == same
    assert services.pseudonym(world.other_programme.pk, world.teacher.pk) != same
    assert services.pseudonym(world.programme.pk, world.colleague.pk) != same


def test_a_second_submission_is_refused(client, world):
    adm, invitation = _invited(world)
    client.force_login(world.teacher)
    url = reverse("surveys:respond", args=[invitation.token])
    data = {key: "3" for key in answers_for(adm.version, 3)}
    client.post(url, data)
    page = client.get(url).content.decode()
    assert "Deze vragenlijst is afgesloten, of je vulde ze al in." in page
    assert 'name="betr-1"' not in page  # the answers cannot be seen or changed
    client.post(url, {key: "1" for key in data})
    assert Response.objects.get().answers["betr-1"] == 3
    # The service refuses too, whatever the page shows.
    with (
        translation.override("nl-be"),
        pytest.raises(ValidationError, match=r"Je hebt deze vragenlijst al ingevuld\."),
    ):
        services.response_submit(invitation=invitation, by=world.teacher, answers=data)
    assert Response.objects.count() == 1


def test_a_missing_answer_gets_a_dutch_error_and_keeps_the_rest(client, world):
    adm, invitation = _invited(world)
    client.force_login(world.teacher)
    data = {key: "2" for key in answers_for(adm.version, 2)}
    del data["klas-2"]
    data["instr-1"] = "7"
    response = client.post(reverse("surveys:respond", args=[invitation.token]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een antwoord." in page
    assert "Selecteer een geldige keuze. 7 is geen beschikbare keuze." in page
    # Nothing lost: the answers given are still chosen.
    assert re.search(r'name="betr-1" value="2"[^>]*checked', page)
    assert not Response.objects.exists()


def test_an_optional_open_question_may_stay_empty(world):
    adm = administration(world, "klubsessie", moment="once")
    services.administration_invite(administration=adm, by=world.project_staff)
    invitation = Invitation.objects.get(administration=adm, user=world.teacher)
    services.response_submit(
        invitation=invitation, by=world.teacher, answers=answers_for(adm.version, 5)
    )
    assert "sessie-open" not in Response.objects.get().answers


def test_someone_elses_link_is_not_found(client, world):
    _adm, invitation = _invited(world)
    url = reverse("surveys:respond", args=[invitation.token])
    for person in (world.colleague, world.coach, world.project_staff, world.no_membership):
        client.force_login(person)
        assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:respond", args=["verzonnen"])).status_code == 404


def test_a_closed_survey_takes_no_answers(client, world):
    adm, invitation = _invited(world)
    adm.closes_on = timezone.localdate() - timedelta(days=1)
    adm.opens_on = adm.closes_on - timedelta(days=5)
    adm.save()
    assert selectors.open_invitations_for(world.teacher) == []
    client.force_login(world.teacher)
    url = reverse("surveys:respond", args=[invitation.token])
    client.post(url, {key: "3" for key in answers_for(adm.version, 3)})
    assert not Response.objects.exists()
