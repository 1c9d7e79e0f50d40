"""Statuses that change in the background show up without a reload, in a real Chromium: the file
on "my data" and an invitation being sent (htmx polls their lists while they are not final)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from videoklub.accounts.models import DataExport, Invitation
from videoklub.organisations.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Polling asks every 3 s; a loaded machine gets some slack.
POLL_TIMEOUT_MS = 10_000


def test_my_file_turns_ready_without_a_reload(page, login, world):
    export = DataExport.objects.create(
        owner=world.teacher, expires_at=timezone.now() + timedelta(days=7)
    )
    login(page, world.teacher)
    page.goto(reverse("privacy:my_data"))
    download = page.locator(
        f'a[href="{reverse("privacy:data_export_download", args=[export.token])}"]'
    )
    expect(download).to_have_count(0)
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY, file=f"{export.prefix}videoklub.zip", size=2048
    )

    expect(download).to_be_visible(timeout=POLL_TIMEOUT_MS)
    assert navigations == []  # no reload


def test_an_invitation_turns_sent_without_a_reload(page, login, world):
    invitation = Invitation.objects.create(
        email="nieuw@school.test",
        role=Role.TEACHER,
        klub=world.klub,
        invited_by=world.coach,
        expires_at=timezone.now() + timedelta(days=14),
    )
    login(page, world.coach)
    page.goto(reverse("home:klub_detail", args=[world.klub.pk]))
    item = page.locator("#invitation-list li", has_text="nieuw@school.test")
    expect(item).to_contain_text("wordt verstuurd")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())

    expect(item).to_contain_text("verstuurd op", timeout=POLL_TIMEOUT_MS)
    expect(item).not_to_contain_text("wordt verstuurd")
    assert navigations == []
