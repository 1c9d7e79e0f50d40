"""The "my data" page follows its file from "waiting" to "ready" without a reload: htmx polls the
list while a file is being prepared, gets a 204 while nothing changed and stops once it is final."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from videoklub.accounts.models import DataExport

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _export(owner, status=DataExport.Status.QUEUED) -> DataExport:
    return DataExport.objects.create(
        owner=owner, status=status, expires_at=timezone.now() + timedelta(days=7)
    )


def _poll_url(content: str) -> str | None:
    """Where the list of files asks again, or None when it does not poll."""
    found = re.search(r'id="data-exports"[^>]*hx-get="([^"]+)"[^>]*hx-trigger="every', content)
    return html.unescape(found.group(1)) if found else None


def test_a_waiting_file_is_followed_until_it_is_ready(world):
    export = _export(world.teacher)
    client = _client(world.teacher)
    page = client.get(reverse("privacy:my_data")).content.decode()
    poll = _poll_url(page)
    assert poll is not None and "part=exports" in poll

    # Nothing changed: no content, htmx keeps what it shows (and keeps polling).
    assert client.get(poll, **HTMX).status_code == 204

    export.status = DataExport.Status.READY
    export.file = f"{export.prefix}videoklub.zip"
    export.size = 1234
    export.save(update_fields=["status", "file", "size"])
    response = client.get(poll, **HTMX)

    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith('<div id="data-exports"')
    assert "<h1>" not in part  # the list only, not the page
    assert reverse("privacy:data_export_download", args=[export.token]) in part
    assert _poll_url(part) is None  # final: polling stops


def test_a_failed_file_is_final_too(world):
    export = _export(world.teacher, DataExport.Status.PROCESSING)
    client = _client(world.teacher)
    poll = _poll_url(client.get(reverse("privacy:my_data")).content.decode())
    assert poll is not None
    DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)

    part = client.get(poll, **HTMX).content.decode()

    with translation.override("nl-be"):
        assert f"<td>{DataExport.Status.FAILED.label}</td>" in part
    assert _poll_url(part) is None


def test_nothing_to_wait_for_means_no_polling(world):
    _export(world.teacher, DataExport.Status.READY)
    page = _client(world.teacher).get(reverse("privacy:my_data")).content.decode()
    assert _poll_url(page) is None


def test_the_polled_list_shows_only_ones_own_files(world):
    _export(world.teacher)
    theirs = _export(world.colleague, DataExport.Status.READY)
    DataExport.objects.filter(pk=theirs.pk).update(file=f"{theirs.prefix}x.zip", size=1)
    client = _client(world.teacher)

    part = client.get(reverse("privacy:my_data"), {"part": "exports"}, **HTMX).content.decode()

    assert str(theirs.token) not in part
    assert _poll_url(part) is not None  # still waiting for mine


def test_without_htmx_the_whole_page_is_served(world):
    _export(world.teacher)
    response = _client(world.teacher).get(reverse("privacy:my_data"), {"part": "exports"})
    assert "<h1>" in response.content.decode()
