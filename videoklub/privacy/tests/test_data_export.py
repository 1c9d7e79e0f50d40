""" "My data": a zip of everything of a person's, built in the background, for them alone."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from videoklub.accounts.models import DataExport
from videoklub.privacy.exports import data_export_request, data_exports_delete_expired
from videoklub.privacy.tests.my_data_helpers import EMAIL, NAME, teacher_with_everything
from videoklub.recordings import storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _request_export(client, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:data_export_create"))
    assert response.status_code == 302
    return DataExport.objects.get()


def _zip_of(export: DataExport) -> zipfile.ZipFile:
    with storage.storage().open(export.file.name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_the_profile_page_links_to_my_data(client, world):
    client.force_login(world.teacher)
    response = client.get(reverse("accounts:profile"))
    assert reverse("privacy:my_data") in response.content.decode()


def test_a_teacher_gets_a_zip_with_everything_of_theirs(
    client, world, django_capture_on_commit_callbacks
):
    data = teacher_with_everything(world)
    client.force_login(data.teacher)

    export = _request_export(client, django_capture_on_commit_callbacks)

    assert export.status == DataExport.Status.READY
    today = timezone.localdate()
    assert export.file.name == f"exports/{export.token}/videoklub-{today:%Y-%m-%d}.zip"
    assert storage.list_prefix(export.prefix) == [export.file.name]
    assert export.expires_at > timezone.now() + timedelta(days=6)
    archive = _zip_of(export)
    names = archive.namelist()
    for expected in [
        "profiel.json",
        "opnames.json",
        "aantekeningen.json",
        "cycli.json",
        "reacties.json",
        "coachingbezoeken.json",
        "sessienotities.json",
        "observaties.json",
        "delingen.json",
        "logboek.json",
        "leerspoor.pdf",
    ]:
        assert expected in names
    assert archive.read("leerspoor.pdf").startswith(b"%PDF")

    profile = json.loads(archive.read("profiel.json"))
    assert profile["e-mail"] == EMAIL and profile["naam"] == NAME
    assert [role["klub"] for role in profile["rollen"]] == [world.klub.name]

    recordings = {r["titel"]: r for r in json.loads(archive.read("opnames.json"))}
    assert set(recordings) == {"Rekenles breuken", "Taalles"}
    rendition = recordings["Rekenles breuken"]["bestand"]
    assert rendition.endswith("/video.mp4")
    assert archive.read(rendition) == b"rendition-bytes" * 100
    # Video is stored, not compressed: compressing it costs time and gains nothing.
    assert archive.getinfo(rendition).compress_type == zipfile.ZIP_STORED
    assert archive.read(recordings["Taalles"]["bestand"]) == b"mov-bytes"
    [fragment] = recordings["Rekenles breuken"]["fragmenten"]
    assert fragment["titel"] == "Instructie" and archive.read(fragment["bestand"]) == b"fragment"

    annotations = json.loads(archive.read("aantekeningen.json"))
    by_text = {a["tekst"]: a for a in annotations}
    assert set(by_text) == {"Hier wacht ik", "Heel rustig, mooi!"}
    reply = by_text["Heel rustig, mooi!"]
    assert reply["opname"] == "Les" and reply["fragment"] == data.colleague_fragment.title
    assert reply["op_seconde"] == 12 and reply["antwoord_op"] == data.colleague_thread.pk
    assert reply["eigen_opname"] is False

    [cycle] = json.loads(archive.read("cycli.json"))
    assert cycle["leervraag"]["vraag"].startswith("Hoe geef ik feedback")
    assert [c["tekst"] for c in cycle["reacties"]] == ["Mooi concreet", "Dank je"]
    assert [a["wat"] for a in cycle["acties"]] == ["Wachttijd van 5 s"]
    assert [r["tekst"] for r in cycle["reflecties"]] == ["Het werkte beter dan gedacht."]
    [visit] = json.loads(archive.read("coachingbezoeken.json"))
    assert visit["doelen"] == "Feedback op proces"
    [observation] = json.loads(archive.read("observaties.json"))
    assert observation["notities"] == "Duidelijke routines"
    [share] = json.loads(archive.read("delingen.json"))
    assert share["fragment"] == "Instructie"


def test_nothing_of_a_colleague_is_in_the_zip(client, world, django_capture_on_commit_callbacks):
    data = teacher_with_everything(world)
    client.force_login(data.teacher)

    archive = _zip_of(_request_export(client, django_capture_on_commit_callbacks))

    everything = b"".join(
        archive.read(name) for name in archive.namelist() if name.endswith(".json")
    )
    assert b"Wat vinden jullie van deze overgang?" not in everything  # the colleague's own note
    assert str(data.colleague_recording.uuid).encode() in everything  # context of the reply only
    assert not any(str(data.colleague_recording.uuid)[:8] in name for name in archive.namelist())


def test_the_person_is_told_by_email_when_the_file_is_ready(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.teacher)
    _request_export(client, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == [world.teacher.email]
    assert reverse("privacy:my_data") in message.body


def test_asking_twice_while_it_is_being_prepared_builds_one_file(world):
    first = data_export_request(user=world.teacher)
    second = data_export_request(user=world.teacher)
    assert first == second
    assert DataExport.objects.count() == 1


def test_the_owner_downloads_the_file_and_the_page_lists_it(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.teacher)
    export = _request_export(client, django_capture_on_commit_callbacks)

    page = client.get(reverse("privacy:my_data"))
    url = reverse("privacy:data_export_download", kwargs={"token": export.token})
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "videoklub-" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_nobody_else_can_download_it(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.teacher)
    export = _request_export(client, django_capture_on_commit_callbacks)
    url = reverse("privacy:data_export_download", kwargs={"token": export.token})
    for other in (world.colleague, world.coach, world.project_staff):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_a_file_not_ready_yet_sends_back_with_a_message(client, world):
    export = data_export_request(user=world.teacher)  # not built: no commit in this test
    client.force_login(world.teacher)
    response = client.get(
        reverse("privacy:data_export_download", kwargs={"token": export.token}), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("privacy:my_data")
    assert "not ready" in response.content.decode()


def test_expired_files_are_deleted_by_the_maintenance_sweep(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.teacher)
    export = _request_export(client, django_capture_on_commit_callbacks)
    fresh = _request_export_for(world.colleague, django_capture_on_commit_callbacks)

    assert data_exports_delete_expired(now=timezone.now() + timedelta(days=6)) == 0
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("maintenance")

    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert storage.list_prefix(export.prefix) == []
    assert storage.list_prefix(fresh.prefix) == [fresh.file.name]


def _request_export_for(user, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=user)
    export.refresh_from_db()
    return export


def test_a_request_stuck_for_long_is_given_up_so_the_person_can_ask_again(world):
    stuck = data_export_request(user=world.teacher)
    DataExport.objects.filter(pk=stuck.pk).update(
        status=DataExport.Status.PROCESSING, created_at=timezone.now() - timedelta(days=1)
    )
    fresh = data_export_request(user=world.teacher)
    assert fresh != stuck
    stuck.refresh_from_db()
    assert stuck.status == DataExport.Status.FAILED


def test_an_export_of_an_account_erased_meanwhile_leaves_no_file(world):
    from videoklub.privacy.exports import data_export_build

    export = data_export_request(user=world.teacher)
    DataExport.objects.filter(pk=export.pk).delete()
    with pytest.raises(DataExport.DoesNotExist):
        data_export_build(export=export)
    assert storage.list_prefix("exports/") == []
