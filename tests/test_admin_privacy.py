"""The admin shows bookkeeping, never what people wrote: for every model registered with the admin
site, its list (also searched), change, delete and history pages show no personal writing and
no storage name.

Every text, JSON and file field of every row gets a unique marker unless it is in `METADATA`, the
explicit list of what an administrator may read. A new field is private until someone decides
otherwise here, and a newly registered model fails until it has a row in `_everything`.
"""

import itertools
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from videoklub.accounts.models import DataExport
from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.knowledge.models import KnowledgeEditor
from videoklub.meetings.models import AgendaItem, Attendance, Meeting
from videoklub.observations.models import FrameworkVersion
from videoklub.observations.services import framework_create, observation_create
from videoklub.privacy.tests.my_data_helpers import teacher_with_everything
from videoklub.testing.factories import UserFactory

# What the admin may show, per model: names, titles, codes, addresses and technical metadata.
# Choice fields count as metadata by themselves (they hold a code from a fixed list).
METADATA: dict[str, set[str]] = {
    "auth.Group": {"name"},
    "accounts.User": {"email", "full_name"},
    # Who is invited, to what: an invitation carries no message.
    "accounts.Invitation": {"email", "full_name"},
    # Describes the funded project, written by project staff for everyone in it.
    "organisations.Programme": {"name", "school_year", "funder", "description"},
    "organisations.School": {"name", "town"},
    "organisations.Klub": {"name"},
    # Titles are metadata (the brief of the admin); the file name is where a title comes from.
    # Storage names (original, rendition, poster, thumbnails) and error texts are not.
    "recordings.Recording": {
        "title",
        "original_filename",
        "container",
        "video_codec",
        "audio_codec",
        "error_code",
    },
    "recordings.Upload": {"filename", "filetype"},
    "recordings.Fragment": {"title", "export_method"},
    "recordings.RetentionRun": set(),
    "audit.AuditEvent": {"item_type", "item_id", "item_label"},
    # Reference content of the platform, the same for everyone.
    "cycles.CorePractice": {"code", "name", "description"},
    "meetings.WorkForm": {"code", "name", "summary", "how_to"},
    "observations.Framework": {"name", "description", "code"},
    "observations.ScaleLevel": {"label", "anchor"},
    "observations.Domain": {"name"},
    "observations.Indicator": {"key", "text", "description"},
    "meetings.Meeting": {"title", "place", "ical_uid"},
    "consent.ClassGroup": {"name", "school_year"},
    "otp_totp.TOTPDevice": {"name"},
    # The security log of logins: addresses, browsers and paths, which is what it is for.
    "axes.AccessAttempt": {
        "username",
        "user_agent",
        "http_accept",
        "path_info",
        "get_data",
        "post_data",
    },
    "axes.AccessLog": {"username", "user_agent", "http_accept", "path_info", "session_hash"},
    "axes.AccessFailureLog": {"username", "user_agent", "http_accept", "path_info"},
    # Tasks take ids, never content: their arguments and results are bookkeeping.
    "django_tasks_database.DBTaskResult": {
        "args_kwargs",
        "task_path",
        "worker_ids",
        "queue_name",
        "backend_name",
        "return_value",
        "exception_class_path",
        "traceback",
    },
}
# Registered models without rows of their own.
NO_ROWS = {"django_rq.Dashboard": "a view of the task queues, not a table"}
# Tables the admin works with, not content anyone wrote.
NOT_CONTENT = {"contenttypes", "sessions", "admin"}
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)
PREFIX = "zqx"


def _everything(world) -> None:
    """A row of every registered model, and of everything hanging off them."""
    data = teacher_with_everything(world)
    recording, fragment = data.recording, data.fragment
    recording.original = default_storage.save(f"{recording.prefix}original.mp4", ContentFile(b"o"))
    recording.thumbnails = default_storage.save(
        f"{recording.prefix}thumbnails.jpg", ContentFile(b"t")
    )
    recording.save(update_fields=["original", "thumbnails"])
    fragment.anonymised = default_storage.save(
        f"{recording.prefix}fragments/{fragment.pk}-anonymised.mp4", ContentFile(b"a")
    )
    fragment.save(update_fields=["anonymised"])
    data.upload.recording = data.original_only
    data.upload.save(update_fields=["recording"])

    framework = framework_create(
        created_by=world.coach,
        name="Onze kijkwijzer",
        description="Voor de klub",
        klub=world.klub,
        domains=[{"name": "Vragen", "indicators": [{"text": "Wachttijd"}]}],
        scale=[{"value": 1, "label": "nog niet"}, {"value": 2, "label": "wel"}],
    )
    version = FrameworkVersion.objects.get(framework=framework)
    indicator = version.indicators.get()
    observation_create(
        fragment=fragment,
        version=version,
        observer=world.coach,
        notes="Rustig",
        scores={indicator.pk: (2, "Mooi gewacht")},
    )
    meeting = Meeting.objects.get(klub=world.klub)
    meeting.notes = "Verloop"
    meeting.save(update_fields=["notes"])
    AgendaItem.objects.create(meeting=meeting, fragment=fragment)
    Attendance.objects.create(meeting=meeting, user=data.teacher)

    class_group = ClassGroup.objects.create(school=world.school, name="3B", school_year="2026-2027")
    pupil = Pupil.objects.create(class_group=class_group, code="3B-01")
    Consent.objects.create(
        pupil=pupil, purpose="klub", given_by="parent", given_on=date(2026, 9, 1), evidence="map"
    )
    export = DataExport(owner=data.teacher, expires_at=timezone.now() + timedelta(days=7))
    export.file.name = default_storage.save(f"{export.prefix}videoklub.zip", ContentFile(b"PK"))
    export.save()

    Group.objects.create(name="Helpdesk")
    KnowledgeEditor.objects.create(user=world.coach)
    TOTPDevice.objects.create(user=data.teacher, name="authenticator", confirmed=True)
    attempt = {"username": data.teacher.email, "ip_address": "192.0.2.1", "user_agent": "Firefox"}
    AccessAttempt.objects.create(**attempt, failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    DBTaskResult.objects.create(
        status="SUCCESSFUL",
        args_kwargs={"args": [recording.pk], "kwargs": {}},
        task_path="videoklub.recordings.tasks.process_recording",
        backend_name="database",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def _mark_everything() -> dict[str, str]:
    """Put a unique marker into every private field of every row; returns where each went."""
    registered = set(admin.site._registry)
    counter = itertools.count(1)
    markers = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.proxy or not model._meta.managed or model._meta.app_label in NOT_CONTENT:
            continue
        if model not in registered and not model.__module__.startswith("videoklub."):
            continue
        private = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, TEXT_FIELDS)
            and not field.primary_key
            and not field.choices
            and field.name not in METADATA.get(label, set())
        ]
        for pk in model.objects.values_list("pk", flat=True):
            values = {}
            for field in private:
                marker = f"{PREFIX}{next(counter):04d}"
                markers[marker] = f"{label}.{field.name} (pk {pk})"
                values[field.name] = marker
            if values:
                model.objects.filter(pk=pk).update(**values)
    return markers


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _admin_pages(model) -> list[str]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pages = [_changelist(model)]
    if model._meta.label in NO_ROWS:
        return pages
    for pk in model.objects.values_list("pk", flat=True):
        for view in ("change", "delete", "history"):
            pages.append(reverse(f"{info}_{view}", args=[quote(pk)]))
    return pages


def _administrator() -> Client:
    client = Client()
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client


@pytest.mark.django_db
def test_the_admin_shows_no_personal_writing(world, settings):
    # Task rows name the backend that ran them: the database one, as in production.
    settings.TASKS = {**settings.TASKS, "database": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _everything(world)
    markers = _mark_everything()
    assert len(markers) > 40  # annotations, reflections, notes, files, ...
    client = _administrator()

    leaks = []
    for model in admin.site._registry:
        label = model._meta.label
        if label not in NO_ROWS:
            assert model.objects.exists(), f"no {label} to look at: add one to _everything()"
        for url in [reverse("admin:index"), *_admin_pages(model)]:
            response = client.get(url)
            assert response.status_code in (200, 403), f"{url}: {response.status_code}"
            content = response.content.decode()
            leaks += [
                f"{url} shows {where}" for marker, where in markers.items() if marker in content
            ]
        # Searching must not find anyone by what they wrote either.
        response = client.get(_changelist(model), {"q": PREFIX})
        changelist = (response.context or {}).get("cl")
        if changelist is not None and changelist.search_fields and changelist.result_count:
            leaks.append(f"{label}: a search for private text finds rows")
    assert not leaks, "\n".join(leaks)


# What the brief of the admin names as private, so the test above cannot pass by missing it.
MUST_BE_MARKED = {
    "observations.Annotation.body",  # annotations and replies
    "observations.Observation.notes",
    "observations.Score.note",
    "cycles.LearningQuestion.goal",  # GRROW answers
    "cycles.LearningQuestion.question",
    "cycles.QuestionComment.body",
    "cycles.Action.description",
    "cycles.Reflection.body",
    "cycles.CoachingVisit.goals",  # the coaching log
    "meetings.Meeting.notes",
    "meetings.TeacherNote.body",
    "consent.Consent.evidence",
    "recordings.Recording.original",
    "recordings.Recording.rendition",
    "recordings.Recording.poster",
    "recordings.Recording.thumbnails",
    "recordings.Recording.error_message",
    "recordings.Fragment.export",
    "recordings.Fragment.anonymised",
    "recordings.Upload.parts",
    "accounts.DataExport.file",
    "accounts.User.password",
    "otp_totp.TOTPDevice.key",
}


@pytest.mark.django_db
def test_every_kind_of_personal_writing_gets_a_marker(world):
    _everything(world)
    marked = {where.split(" ")[0] for where in _mark_everything().values()}
    assert not MUST_BE_MARKED - marked, sorted(MUST_BE_MARKED - marked)
