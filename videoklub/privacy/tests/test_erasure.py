"""Erasing an account: everything of the person goes, what they gave to others stays nameless."""

import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from videoklub.accounts.models import DataExport, Invitation, User
from videoklub.core.personal_data import contributors
from videoklub.observations.models import Annotation, Observation
from videoklub.organisations.models import Role
from videoklub.privacy.erasure import account_erase
from videoklub.privacy.exports import data_export_request
from videoklub.privacy.tests.my_data_helpers import EMAIL, NAME, teacher_with_everything
from videoklub.recordings.models import Recording
from videoklub.testing.factories import PASSWORD, RecordingFactory

pytestmark = pytest.mark.django_db

# What happens to every reference to a user when that user erases their account: each app
# declares it in its personal_data.py (core.personal_data). A new foreign key to the user fails
# `test_every_foreign_key_to_the_user_has_a_decision` until its app decides.
DELETED_WITH_THE_PERSON = {name for c in contributors() for name in c.deleted}
KEPT_WITHOUT_NAME = {name for c in contributors() for name in c.anonymised}
NULLED_BY_ERASE = {"wagtailcore.ModelLogEntry.user", "wagtailcore.PageLogEntry.user"}


def _user_foreign_keys():
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is user_model:
                yield model, field


def test_every_foreign_key_to_the_user_has_a_decision():
    for model, field in _user_foreign_keys():
        name = f"{model._meta.label}.{field.name}"
        if field.many_to_many:
            continue  # the user's side of groups and permissions: its rows go with it
        if name in DELETED_WITH_THE_PERSON:
            assert field.remote_field.on_delete is models.CASCADE, name
        elif name in KEPT_WITHOUT_NAME:
            # DO_NOTHING without a constraint (Wagtail's history) is nulled by the app's erase.
            assert field.remote_field.on_delete is models.SET_NULL or (
                field.remote_field.on_delete is models.DO_NOTHING and name in NULLED_BY_ERASE
            ), name
        else:
            pytest.fail(f"No erasure decision for {name}: declare it in the app's personal_data.py")


def test_no_foreign_key_has_two_decisions():
    assert not DELETED_WITH_THE_PERSON & KEPT_WITHOUT_NAME
    declared = [name for c in contributors() for name in (*c.deleted, *c.anonymised)]
    assert len(declared) == len(set(declared))


@pytest.fixture
def erased(world, client, django_capture_on_commit_callbacks):
    """The teacher with everything, plus a data export and a real login, then erased."""
    data = teacher_with_everything(world)
    # A real login leaves django-axes' access log behind, keyed by the address.
    assert client.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=data.teacher)
    export.refresh_from_db()
    assert export.is_ready
    prefixes = [
        data.recording.prefix,
        data.original_only.prefix,
        data.upload.prefix,
        export.prefix,
    ]
    old_pk = data.teacher.pk
    account_erase(user=data.teacher)
    return data, old_pk, prefixes


def _stored_files(root) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, files in os.walk(root)
        for name in files
    )


def test_storage_holds_nothing_of_theirs_afterwards(erased, media_storage):
    data, _pk, prefixes = erased
    remaining = _stored_files(media_storage)
    for prefix in prefixes:
        assert not any(name.startswith(prefix) for name in remaining), prefix
        assert not (media_storage / prefix).exists(), prefix
    # The colleague's recording is untouched.
    assert remaining == [f"{data.colleague_recording.prefix}rendition.mp4"]


def test_no_row_points_at_the_erased_person(erased):
    _data, old_pk, _prefixes = erased
    assert not User.objects.filter(pk=old_pk).exists()
    for model, field in _user_foreign_keys():
        if field.many_to_many:
            continue
        assert not model._default_manager.filter(**{field.attname: old_pk}).exists(), (
            f"{model._meta.label}.{field.name} still points at the erased user"
        )


def test_no_text_anywhere_names_the_erased_person(erased):
    for model in apps.get_models():
        text_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not text_fields:
            continue
        for row in model._default_manager.values_list(*text_fields):
            for value in row:
                text = str(value).lower()
                assert EMAIL not in text and NAME.lower() not in text, (
                    f"{model._meta.label} still names the erased person: {value!r}"
                )


def test_a_colleagues_thread_keeps_the_reply_without_its_author(erased, client, world):
    data, _pk, _prefixes = erased
    thread = Annotation.objects.get(pk=data.colleague_thread.pk)
    reply = Annotation.objects.get(pk=data.reply.pk)
    assert reply.parent_id == thread.pk and reply.author_id is None
    assert reply.body == "Heel rustig, mooi!"
    assert Observation.objects.get(notes="Duidelijke routines").observer_id is None

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.colleague)
    with translation.override("en"):
        response = client.get(
            reverse(
                "analysis:fragment_annotations",
                kwargs={
                    "recording_uuid": data.colleague_recording.uuid,
                    "pk": data.colleague_fragment.pk,
                },
            )
        )
    html = response.content.decode()
    assert "Heel rustig, mooi!" in html
    assert "former user" in html
    assert NAME not in html


def test_what_others_gave_them_and_their_own_things_go(erased, world):
    data, _pk, _prefixes = erased
    assert not Recording.objects.filter(pk__in=[data.recording.pk, data.original_only.pk])
    assert not DataExport.objects.exists()
    assert Recording.objects.filter(pk=data.colleague_recording.pk).exists()
    # The coach keeps their account; the invitation the teacher sent stays, without sender.
    assert User.objects.filter(pk=world.coach.pk).exists()
    from videoklub.accounts.models import Invitation

    assert list(Invitation.objects.values_list("email", "invited_by")) == [
        ("nieuw@wegwijzer.test", None)
    ]


def test_an_invitation_to_their_address_goes_whatever_its_case(world):
    def invite(email: str) -> Invitation:
        return Invitation.objects.create(
            email=email,
            role=Role.TEACHER,
            klub=world.other_klub,
            invited_by=world.other_coach,
            expires_at=timezone.now() + timedelta(days=7),
        )

    invite(world.teacher.email.upper())  # typed in capitals by whoever invited them
    invite("iemand.anders@school.test")

    account_erase(user=world.teacher)

    assert list(Invitation.objects.values_list("email", flat=True)) == ["iemand.anders@school.test"]


def test_erasing_asks_for_the_password_and_explains_what_happens(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.teacher)
    with translation.override("en"):
        page = client.get(reverse("privacy:account_delete"))
        assert "former user" in page.content.decode()
        response = client.post(
            reverse("privacy:account_delete"), {"password": "wrong", "understood": "on"}
        )
    assert response.status_code == 200
    assert "This is not your password" in response.content.decode()
    assert User.objects.filter(pk=world.teacher.pk).exists()


def test_erasing_without_ticking_the_box_is_refused(client, world):
    client.force_login(world.teacher)
    response = client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert User.objects.filter(pk=world.teacher.pk).exists()


def test_erasing_deletes_the_account_and_logs_out_everywhere(client, world):
    other_device = type(client)()
    other_device.force_login(world.teacher)
    client.force_login(world.teacher)

    response = client.post(
        reverse("privacy:account_delete"), {"password": PASSWORD, "understood": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not User.objects.filter(pk=world.teacher.pk).exists()
    for device in (client, other_device):
        assert device.get(reverse("accounts:profile")).status_code == 302


def test_no_session_of_theirs_is_left_and_everyone_elses_stay(world):
    from django.contrib.sessions.models import Session
    from django.test import Client

    for person in (world.teacher, world.teacher, world.colleague):  # the teacher on two devices
        Client().force_login(person)
    account_erase(user=world.teacher)
    signed_in = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert signed_in == [str(world.colleague.pk)]


def test_the_admins_history_of_their_account_goes_and_of_nothing_else(world, administrator):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from videoklub.organisations.models import Klub

    def history(model, object_id) -> LogEntry:
        return LogEntry.objects.create(
            user=administrator,
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
            object_repr="…",
            action_flag=CHANGE,
        )

    history(User, world.teacher.pk)
    colleagues = history(User, world.colleague.pk)
    same_number = history(Klub, world.teacher.pk)  # another model's row with the same key
    account_erase(user=world.teacher)
    assert set(LogEntry.objects.all()) == {colleagues, same_number}


def test_wagtails_history_of_their_edits_stays_without_them(world):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry, Page, PageLogEntry

    root = Page.get_first_root_node()
    for editor in (world.teacher, world.colleague):
        log(root, "wagtail.edit", user=editor)
        log(world.klub, "wagtail.edit", user=editor)
    assert PageLogEntry.objects.count() == ModelLogEntry.objects.count() == 2

    account_erase(user=world.teacher)

    for entries in (PageLogEntry.objects, ModelLogEntry.objects):
        # The entry stays without the id, which a new account could otherwise get again.
        assert sorted(entries.values_list("user_id", flat=True), key=str) == sorted(
            [None, world.colleague.pk], key=str
        )


def test_their_recordings_go_first_each_logged_as_their_own_delete(world):
    # Erasure deletes the recordings first, each in a transaction of its own: should the rest
    # fail, the account stays and its log says who deleted them.
    from videoklub.audit.models import Action, AuditEvent

    recordings = [RecordingFactory(owner=world.teacher, klub=world.klub) for _ in range(2)]
    RecordingFactory(owner=world.colleague, klub=world.klub)
    (step,) = [c.erase_first for c in contributors() if c.erase_first is not None]

    step(world.teacher)

    assert list(Recording.objects.values_list("owner", flat=True)) == [world.colleague.pk]
    deleted = AuditEvent.objects.filter(action=Action.DELETE)
    assert sorted(deleted.values_list("item_id", flat=True)) == sorted(
        str(r.uuid) for r in recordings
    )
    assert {(e.owner_id, e.actor_id) for e in deleted} == {(world.teacher.pk, world.teacher.pk)}
