"""The inbox, opening a notification, the e-mail choices: one's own only."""

import pytest
from django.urls import reverse

from videoklub.notifications.models import Kind, NotificationSettings
from videoklub.notifications.services import notify, settings_for

pytestmark = pytest.mark.django_db


def test_the_header_counts_unread_and_the_inbox_lists_them(client, world):
    notify(recipients=[world.teacher], kind=Kind.ANNOTATION, actor=world.coach, url="/x/")
    client.force_login(world.teacher)
    home = client.get(reverse("home:home")).content.decode()
    assert 'class="count">1<' in home
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "heeft een aantekening gemaakt bij je opname" in inbox


def test_opening_marks_read_and_goes_to_the_item(client, world):
    (made,) = notify(recipients=[world.teacher], kind=Kind.ANNOTATION, url="/opnames/")
    client.force_login(world.teacher)
    response = client.get(reverse("notifications:open", args=[made.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/opnames/"
    made.refresh_from_db()
    assert made.read_at is not None


def test_someone_elses_notification_is_not_found(client, world):
    (made,) = notify(recipients=[world.teacher], kind=Kind.ANNOTATION, url="/")
    client.force_login(world.colleague)
    assert client.get(reverse("notifications:open", args=[made.pk])).status_code == 404
    made.refresh_from_db()
    assert made.read_at is None


def test_mark_all_read(client, world):
    notify(recipients=[world.teacher], kind=Kind.ANNOTATION, url="/")
    notify(recipients=[world.teacher], kind=Kind.REPLY, url="/")
    notify(recipients=[world.colleague], kind=Kind.REPLY, url="/")
    client.force_login(world.teacher)
    client.post(reverse("notifications:mark_all_read"))
    assert not world.teacher.notifications.filter(read_at__isnull=True).exists()
    assert world.colleague.notifications.filter(read_at__isnull=True).exists()


def test_choosing_how_often_and_a_clear_error_for_a_bad_choice(client, world):
    client.force_login(world.teacher)
    url = reverse("notifications:settings")
    assert client.get(url).status_code == 200
    client.post(url, {"email": "immediately", "language": "en"})
    saved = settings_for(world.teacher)
    assert (saved.email, saved.language) == (NotificationSettings.Email.IMMEDIATELY, "en")
    bad = client.post(url, {"email": "hourly", "language": "en"})
    assert bad.status_code == 400
    assert "Selecteer een geldige keuze" in bad.content.decode()
    assert settings_for(world.teacher).email == NotificationSettings.Email.IMMEDIATELY
