"""Retention: a programme's recordings are deleted `retention_days` after its school year,
their owners warned 14 days before; the report shows what went."""

from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from videoklub.audit.models import AuditEvent
from videoklub.organisations.models import Programme
from videoklub.recordings import storage
from videoklub.recordings.models import Recording, RetentionRun
from videoklub.recordings.retention import (
    deletion_date,
    programme_retention_update,
    retention_apply,
    upcoming_deletions,
)
from videoklub.testing.factories import KlubFactory, ProgrammeFactory, RecordingFactory

pytestmark = pytest.mark.django_db

# The world's programme runs in 2026-2027 and keeps recordings 60 days: deleted 30 October 2027.
DEADLINE = date(2027, 10, 30)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(3, 0)))


def _recording(owner, klub, title, added=date(2027, 3, 1)) -> Recording:
    recording = RecordingFactory(owner=owner, klub=klub, title=title, created_at=at(added))
    recording.rendition = default_storage.save(
        f"{recording.prefix}rendition.mp4", ContentFile(b"v")
    )
    recording.rendition_size = 1
    recording.original_size = 1000
    recording.save(update_fields=["rendition", "rendition_size", "original_size"])
    return recording


@pytest.fixture
def recordings(world):
    world.other_programme.retention_days = 120  # 29 December 2027
    world.other_programme.save(update_fields=["retention_days"])
    return {
        "mine": _recording(world.teacher, world.klub, "Rekenles"),
        "mine_too": _recording(world.teacher, world.klub, "Taalles"),
        "colleague": _recording(world.colleague, world.klub, "Muziekles"),
        "longer_period": _recording(world.other_teacher, world.other_klub, "Turnles"),
        "without_klub": _recording(world.teacher, None, "Thuis geoefend"),
        # Added after the school year ended: judged by the school year 2027-2028.
        "next_year": _recording(world.teacher, world.klub, "Nieuwe les", added=date(2027, 9, 15)),
    }


def _left(recordings) -> set[str]:
    existing = set(Recording.objects.values_list("pk", flat=True))
    return {key for key, recording in recordings.items() if recording.pk in existing}


def test_the_deletion_date_is_the_school_years_end_plus_the_retention(world):
    assert deletion_date(world.programme) == DEADLINE
    assert deletion_date(world.programme, date(2027, 9, 15)) == date(2028, 10, 30)
    assert deletion_date(world.programme, date(2026, 9, 1)) == DEADLINE


def test_nothing_is_deleted_the_day_before_the_deadline(recordings):
    retention_apply(now=at(DEADLINE - timedelta(days=1)))
    assert _left(recordings) == set(recordings)


def test_after_the_deadline_exactly_the_expired_recordings_are_deleted(recordings):
    [run] = retention_apply(now=at(DEADLINE + timedelta(days=1)))

    assert _left(recordings) == {"longer_period", "without_klub", "next_year"}
    assert run.programme == recordings["mine"].klub.programme
    assert run.deleted == 3
    assert {item["title"] for item in run.details} == {"Rekenles", "Taalles", "Muziekles"}
    assert set(run.details[0]) == {"uuid", "title", "created", "size"}
    assert run.details[0]["size"] == 1001


def test_on_the_deadline_itself_they_are_deleted(recordings):
    retention_apply(now=at(DEADLINE))
    assert _left(recordings) == {"longer_period", "without_klub", "next_year"}


def test_the_files_are_gone_from_storage(recordings):
    retention_apply(now=at(DEADLINE + timedelta(days=1)))
    for key in ("mine", "mine_too", "colleague"):
        assert storage.list_prefix(recordings[key].prefix) == []
    assert storage.list_prefix(recordings["without_klub"].prefix) != []


def test_each_deletion_is_in_the_owners_audit_log(recordings, world):
    retention_apply(now=at(DEADLINE + timedelta(days=1)))
    events = AuditEvent.objects.filter(action="retention")
    assert {(e.owner_id, e.item_type, e.item_id, e.item_label) for e in events} == {
        (world.teacher.pk, "recording", str(recordings["mine"].uuid), "Rekenles"),
        (world.teacher.pk, "recording", str(recordings["mine_too"].uuid), "Taalles"),
        (world.colleague.pk, "recording", str(recordings["colleague"].uuid), "Muziekles"),
    }
    assert all(e.actor_id is None for e in events)


def test_running_twice_deletes_nothing_more_and_writes_no_empty_run(recordings):
    retention_apply(now=at(DEADLINE + timedelta(days=1)))
    assert retention_apply(now=at(DEADLINE + timedelta(days=1))) == []
    assert RetentionRun.objects.count() == 1
    assert _left(recordings) == {"longer_period", "without_klub", "next_year"}


def test_the_other_programme_goes_at_its_own_later_date(recordings):
    retention_apply(now=at(date(2027, 12, 28)))
    assert "longer_period" in _left(recordings)
    retention_apply(now=at(date(2027, 12, 29)))
    assert "longer_period" not in _left(recordings)
    assert "without_klub" in _left(recordings)


def test_owners_are_warned_fourteen_days_before_once(recordings, world):
    retention_apply(now=at(DEADLINE - timedelta(days=15)))
    assert mail.outbox == []

    [run] = retention_apply(now=at(DEADLINE - timedelta(days=14)))

    assert run.warned == 3 and run.deleted == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.teacher.email, world.colleague.email]
    )
    [to_teacher] = [m for m in mail.outbox if m.to == [world.teacher.email]]
    assert "Rekenles" in to_teacher.body and "Taalles" in to_teacher.body
    assert "Muziekles" not in to_teacher.body and "Nieuwe les" not in to_teacher.body
    assert Recording.objects.get(pk=recordings["mine"].pk).retention_warned_at == at(
        DEADLINE - timedelta(days=14)
    )

    mail.outbox.clear()
    assert retention_apply(now=at(DEADLINE - timedelta(days=13))) == []
    assert retention_apply(now=at(DEADLINE - timedelta(days=1))) == []
    assert mail.outbox == []


def test_the_maintenance_sweep_applies_retention(world):
    old = ProgrammeFactory(school_year="2020-2021")
    klub = KlubFactory(programme=old, school=world.school)
    recording = _recording(world.teacher, klub, "Oud", added=date(2021, 3, 1))
    call_command("maintenance")
    assert not Recording.objects.filter(pk=recording.pk).exists()
    assert RetentionRun.objects.get(programme=old).deleted == 1


# --- The report -------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.project_staff)
    return client


def _report(client, programme):
    with translation.override("en"):
        return client.get(reverse("recordings:retention", kwargs={"pk": programme.pk}))


def test_the_programme_page_links_to_the_report(staff_client, world):
    response = staff_client.get(reverse("home:programme_detail", kwargs={"pk": world.programme.pk}))
    assert reverse("recordings:retention", kwargs={"pk": world.programme.pk}) in (
        response.content.decode()
    )


def test_the_report_counts_upcoming_deletions_per_month(recordings, world):
    upcoming = upcoming_deletions(world.programme)
    assert [(row.month, row.count) for row in upcoming] == [
        (date(2027, 10, 1), 3),
        (date(2028, 10, 1), 1),
    ]


def test_the_report_lists_what_was_deleted(staff_client, recordings, world):
    retention_apply(now=at(DEADLINE + timedelta(days=1)))
    html = _report(staff_client, world.programme).content.decode()
    for title in ("Rekenles", "Taalles", "Muziekles"):
        assert title in html
    assert str(recordings["mine"].uuid) in html
    assert escape(world.teacher.full_name) not in html  # no owner names in the report
    assert "Turnles" not in html  # another programme's


def test_the_report_takes_the_same_queries_however_much_was_deleted(staff_client, world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert _report(staff_client, world.programme).status_code == 200
        return len(context)

    _recording(world.teacher, world.klub, "Een")
    retention_apply(now=at(DEADLINE))
    first = queries()
    for n in range(4):
        _recording(world.teacher, world.klub, f"Les {n}", added=date(2028, 3, n + 1))
    retention_apply(now=at(date(2028, 10, 30)))
    assert RetentionRun.objects.count() == 2
    assert queries() == first


def test_project_staff_change_the_retention_period(staff_client, world):
    url = reverse("recordings:retention", kwargs={"pk": world.programme.pk})
    response = staff_client.post(url, {"retention_days": "90"})
    assert response.status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.retention_days == 90


def test_a_period_that_is_not_a_number_is_a_form_error(staff_client, world):
    url = reverse("recordings:retention", kwargs={"pk": world.programme.pk})
    with translation.override("en"):
        response = staff_client.post(url, {"retention_days": "-3"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()


def test_shortening_is_refused_when_owners_could_not_be_warned_first(world):
    programme = ProgrammeFactory(school_year="2024-2025", retention_days=3000)

    with pytest.raises(ValidationError) as error:
        programme_retention_update(
            programme=programme, retention_days=30, now=at(date(2025, 10, 1))
        )
    assert "retention_days" in error.value.message_dict
    # Longer is always fine, and shortening far enough ahead too.
    programme_retention_update(programme=programme, retention_days=3650, now=at(date(2025, 10, 1)))
    programme_retention_update(programme=programme, retention_days=60, now=at(date(2025, 10, 1)))
    assert Programme.objects.get(pk=programme.pk).retention_days == 60


def test_the_refusal_is_shown_in_the_form(staff_client, world):
    world.programme.school_year = "2020-2021"
    world.programme.save(update_fields=["school_year"])
    url = reverse("recordings:retention", kwargs={"pk": world.programme.pk})
    with translation.override("en"):
        response = staff_client.post(url, {"retention_days": "10"})
    assert response.status_code == 200
    assert "Owners are warned 14 days before" in response.content.decode()
    world.programme.refresh_from_db()
    assert world.programme.retention_days == 60
