""" "My data": a zip of everything of a person's, built in the background.

What goes in (names inside the zip are Dutch, for the person who opens it):
    profiel.json             profile and memberships
    opnames.json             recordings with their fragments (metadata)
    opnames/<folder>/        each recording's rendition (or the original without one) and the
                             fragment exports
    aantekeningen.json       every annotation they wrote, with where and when in the video
    cycli.json               cycles: learning question, comments, actions, reflections
    reacties.json            comments they wrote on learning questions (also others' cycles)
    coachingbezoeken.json    coaching visits about them
    sessienotities.json      notes a coach made about them in klub sessions
    observaties.json         observations (filled-in kijkwijzers) they made
    delingen.json            shares they made
    logboek.json             the audit log of their items
    leerspoor.pdf            their learning trail
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub.accounts.models import DataExport
from videoklub.core.personal_data import export_parts
from videoklub.recordings import storage

if TYPE_CHECKING:
    from videoklub.accounts.models import User

EXPORT_VALID = timedelta(days=7)
# Longer than building the largest export can take: a request still pending then is stuck.
EXPORT_STALE = timedelta(hours=12)
COPY_BLOCK = 4 * 1024 * 1024


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Ask for a zip of everything of `user`'s; asking again while one is being built returns
    that one instead of building a second."""
    from videoklub.privacy.tasks import build_data_export

    pending = DataExport.objects.select_for_update().filter(
        owner=user, status__in=[DataExport.Status.QUEUED, DataExport.Status.PROCESSING]
    )
    # One whose worker died long ago is given up, so the person can ask again.
    pending.filter(created_at__lt=timezone.now() - EXPORT_STALE).update(
        status=DataExport.Status.FAILED, error="stalled"
    )
    current = pending.filter(created_at__gte=timezone.now() - EXPORT_STALE).first()
    if current is not None:
        return current
    export = DataExport.objects.create(owner=user, expires_at=timezone.now() + EXPORT_VALID)
    transaction.on_commit(lambda: build_data_export.enqueue(export.pk))
    return export


def data_exports_delete_expired(*, now=None) -> int:
    """Delete exports past their date with their files; returns how many went."""
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(expires_at__lt=now):
        prefix = export.prefix
        export.delete()
        storage.delete_prefix(prefix)
        count += 1
    return count


# --- Building the zip ------------------------------------------------------------------------


def _json(zf: zipfile.ZipFile, name: str, data: Any) -> None:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    zf.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)


def data_export_write(user: User, target: str) -> None:
    """Write the zip of everything of `user`'s to the local path `target`: each app's part, as
    the app declared it (core.personal_data)."""
    with zipfile.ZipFile(target, "w", allowZip64=True) as zf:
        for part in export_parts():
            data = part.build(user, zf)
            if isinstance(data, bytes):
                zf.writestr(part.filename, data, compress_type=zipfile.ZIP_STORED)
            else:
                _json(zf, part.filename, data)


def data_export_build(*, export: DataExport) -> DataExport:
    """Build the export's zip into a temporary file next to the storage and store it under
    `exports/<token>/videoklub-<date>.zip`."""
    name = f"{export.prefix}videoklub-{timezone.localdate():%Y-%m-%d}.zip"
    fd, path = tempfile.mkstemp(suffix=".zip", dir=storage.incoming_dir())
    os.close(fd)
    try:
        data_export_write(export.owner, path)
        size = os.path.getsize(path)
        storage.save_file(name, path, move=True)
    finally:
        if os.path.exists(path):
            os.unlink(path)
    now = timezone.now()
    updated = DataExport.objects.filter(pk=export.pk).update(
        file=name,
        size=size,
        status=DataExport.Status.READY,
        finished_at=now,
        expires_at=now + EXPORT_VALID,
    )
    if not updated:
        # The request went meanwhile (the account was erased): leave no file behind.
        storage.delete_prefix(export.prefix)
        raise DataExport.DoesNotExist(f"data export {export.pk} was deleted while building")
    export.refresh_from_db()
    return export


def data_exports_of(user: User) -> QuerySet[DataExport]:
    """The person's exports, newest first (the page shows them)."""
    return DataExport.objects.filter(owner=user).order_by("-created_at")


def data_exports_change_token(exports: list[DataExport]) -> str:
    """Changes whenever a file on the list is added, goes or changes status: the page polls
    with it and gets a new list only when it differs."""
    return "-".join(f"{export.pk}.{export.status}" for export in exports)


def data_export_get_for_user(user: User, token: UUID) -> DataExport:
    """The export with this token if it is the user's; a 404 for anyone else, as if it did
    not exist."""
    return get_object_or_404(DataExport, token=token, owner=user)
