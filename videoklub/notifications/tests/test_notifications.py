"""Notifications: the inbox rows, the e-mails (at once, daily or never), unsubscribing."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from videoklub.notifications.models import Kind, Notification, NotificationSettings
from videoklub.notifications.services import notification_settings_update, notify, settings_for
from videoklub.notifications.tasks import digests_send

pytestmark = pytest.mark.django_db


def at(hour: int) -> datetime:
    return timezone.make_aware(datetime(2026, 12, 1, hour, 0))


def prefer(user, email, language="nl-be"):
    notification_settings_update(user=user, email=email, language=language)


def test_nobody_is_told_of_their_own_act_and_inactive_accounts_are_skipped(world):
    world.colleague.is_active = False
    world.colleague.save()
    made = notify(
        recipients=[world.teacher, world.colleague, world.coach],
        kind=Kind.SHARED,
        actor=world.coach,
        url="/",
    )
    assert [n.recipient for n in made] == [world.teacher]


def test_a_keyed_reminder_is_made_once(world):
    for _ in range(3):
        notify(recipients=[world.teacher], kind=Kind.ACTION_DUE, url="/", key="action-due:1")
    assert Notification.objects.filter(recipient=world.teacher).count() == 1


def test_at_once_sends_one_email_in_the_persons_language_with_an_unsubscribe_link(
    world, django_capture_on_commit_callbacks
):
    prefer(world.teacher, NotificationSettings.Email.IMMEDIATELY, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = notify(
            recipients=[world.teacher], kind=Kind.ANNOTATION, actor=world.coach, url="/x/"
        )
    (message,) = mail.outbox
    assert message.to == [world.teacher.email]
    assert message.subject == f"VideoKLuB: {world.coach.full_name} annotated your recording."
    token = settings_for(world.teacher).unsubscribe_token
    unsubscribe = reverse("notifications:unsubscribe", args=[token])
    assert unsubscribe in message.body
    assert unsubscribe in message.extra_headers["List-Unsubscribe"]
    assert reverse("notifications:open", args=[made.pk]) in message.body
    made.refresh_from_db()
    assert made.emailed_at is not None


def test_the_task_delivered_twice_sends_once(world, django_capture_on_commit_callbacks):
    from videoklub.notifications.tasks import send_notification_email

    prefer(world.teacher, NotificationSettings.Email.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = notify(recipients=[world.teacher], kind=Kind.RECORDING_READY, url="/")
    send_notification_email.call(made.pk)
    assert len(mail.outbox) == 1


def test_dutch_is_the_default_language(world, django_capture_on_commit_callbacks):
    prefer(world.teacher, NotificationSettings.Email.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.teacher], kind=Kind.RECORDING_READY, url="/")
    assert mail.outbox[0].subject == "VideoKLuB: Je opname is klaar om te bekijken."


def test_the_daily_digest_groups_what_waited_and_runs_once_a_day(
    world, django_capture_on_commit_callbacks
):
    assert settings_for(world.teacher).email == NotificationSettings.Email.DAILY  # the default
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.teacher], kind=Kind.ANNOTATION, actor=world.coach, url="/a/")
        notify(recipients=[world.teacher], kind=Kind.REPLY, actor=world.colleague, url="/b/")
    assert mail.outbox == []  # nothing at once

    assert digests_send(now=at(9)) == 0  # not before the digest hour
    assert digests_send(now=at(17)) == 1
    (digest,) = mail.outbox
    assert digest.subject == "VideoKLuB: 2 nieuwe meldingen"
    assert f"{world.coach.full_name} heeft een aantekening" in digest.body
    assert f"{world.colleague.full_name} heeft gereageerd" in digest.body

    notify(recipients=[world.teacher], kind=Kind.RECORDING_READY, url="/")
    assert digests_send(now=at(18)) == 0  # once a day
    assert digests_send(now=at(17) + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_the_digest_leaves_out_what_was_read_in_the_app(world):
    read = notify(recipients=[world.teacher], kind=Kind.ANNOTATION, url="/")[0]
    read.read_at = timezone.now()
    read.save()
    assert digests_send(now=at(17)) == 0
    assert mail.outbox == []


def test_never_sends_nothing_and_old_waiting_ones_are_not_sent_later(
    world, django_capture_on_commit_callbacks
):
    prefer(world.teacher, NotificationSettings.Email.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.teacher], kind=Kind.ANNOTATION, url="/")
    assert digests_send(now=at(17)) == 0
    prefer(world.teacher, NotificationSettings.Email.DAILY)
    assert digests_send(now=at(17) + timedelta(days=1)) == 0
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=world.teacher).count() == 1  # still in the app


def test_a_session_email_carries_its_calendar_entry(world, django_capture_on_commit_callbacks):
    prefer(world.teacher, NotificationSettings.Email.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[world.teacher],
            kind=Kind.SESSION_PLANNED,
            url="/",
            calendar="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        )
    (name, _content, mimetype) = mail.outbox[0].attachments[0]
    assert (name, mimetype) == ("bijeenkomst.ics", "text/calendar")


def test_unsubscribing_from_the_email_link_needs_no_login(client, world):
    token = settings_for(world.teacher).unsubscribe_token
    url = reverse("notifications:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop de e-mails" in page.content.decode()
    assert client.post(url).status_code == 200
    assert settings_for(world.teacher).email == NotificationSettings.Email.NEVER
    bad = reverse("notifications:unsubscribe", args=["not-a-token"])
    assert client.get(bad).status_code == 404
    assert client.post(bad).status_code == 404
