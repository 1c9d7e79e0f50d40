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
import shutil
import tempfile
import zipfile
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub.accounts.models import DataExport
from videoklub.recordings import storage
from videoklub.recordings.uploads import safe_filename

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.recordings.models import Recording

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


def _copy_stored(zf: zipfile.ZipFile, stored_name: str, arcname: str) -> bool:
    """Stream a stored file into the zip without compression (video does not compress) and
    without holding it in memory; False when it is missing."""
    store = storage.storage()
    if not stored_name or not store.exists(stored_name):
        return False
    info = zipfile.ZipInfo(arcname, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    with store.open(stored_name, "rb") as source, zf.open(info, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, length=COPY_BLOCK)
    return True


def _folder(recording: Recording) -> str:
    title = safe_filename(recording.title, max_length=60)
    return f"opnames/{recording.created_at:%Y-%m-%d} {title} ({str(recording.uuid)[:8]})"


def _profile(user: User) -> dict:
    from videoklub.organisations.models import Membership

    memberships = Membership.objects.filter(user=user).select_related(
        "klub__school", "klub__programme", "school", "programme"
    )
    return {
        "e-mail": user.email,
        "naam": user.full_name,
        "lid_sinds": user.date_joined,
        "laatst_aangemeld": user.last_login,
        "rollen": [
            {
                "rol": m.get_role_display(),
                "klub": m.klub.name if m.klub else None,
                "school": str(m.klub.school if m.klub else m.school or "") or None,
                "project": str(m.klub.programme if m.klub else m.programme or "") or None,
                "sinds": m.created_at,
            }
            for m in memberships
        ],
    }


def _recordings(zf: zipfile.ZipFile, user: User) -> list[dict]:
    from videoklub.recordings.models import Recording

    entries = []
    recordings = (
        Recording.objects.filter(owner=user)
        .select_related("klub", "cycle")
        .prefetch_related("fragments")
        .order_by("created_at")
    )
    for recording in recordings:
        folder = _folder(recording)
        video = None
        if recording.rendition and _copy_stored(
            zf, recording.rendition.name, f"{folder}/video.mp4"
        ):
            video = f"{folder}/video.mp4"
        elif recording.original:
            extension = os.path.splitext(recording.original.name)[1] or ".bin"
            if _copy_stored(zf, recording.original.name, f"{folder}/origineel{extension}"):
                video = f"{folder}/origineel{extension}"
        fragments = []
        for fragment in recording.fragments.all():
            file = None
            arcname = f"{folder}/fragment-{fragment.pk}.mp4"
            if fragment.export and _copy_stored(zf, fragment.export.name, arcname):
                file = arcname
            fragments.append(
                {
                    "id": fragment.pk,
                    "titel": fragment.title,
                    "waarom": fragment.get_reason_display(),
                    "begin_seconden": fragment.start,
                    "einde_seconden": fragment.end,
                    "gemaakt_op": fragment.created_at,
                    "bestand": file,
                }
            )
        entries.append(
            {
                "id": str(recording.uuid),
                "titel": recording.title,
                "toegevoegd_op": recording.created_at,
                "bestandsnaam": recording.original_filename,
                "duur_seconden": recording.duration,
                "klub": recording.klub.name if recording.klub else None,
                "cyclus": recording.cycle.number if recording.cycle else None,
                "bestand": video,
                "fragmenten": fragments,
            }
        )
    return entries


def _annotations(user: User) -> list[dict]:
    from videoklub.observations.models import Annotation

    annotations = (
        Annotation.objects.filter(author=user)
        .select_related("recording", "fragment", "indicator", "parent")
        .order_by("created_at")
    )
    return [
        {
            "id": a.pk,
            "opname": a.recording.title,
            "opname_id": str(a.recording.uuid),
            "eigen_opname": a.recording.owner_id == user.pk,
            "fragment": a.fragment.title if a.fragment else None,
            "soort": a.get_kind_display(),
            "op_seconde": a.at_seconds,
            "tot_seconde": a.end_seconds,
            "indicator": a.indicator.text if a.indicator else None,
            "antwoord_op": a.parent_id,
            "tekst": a.body,
            "geschreven_op": a.created_at,
            "bewerkt_op": a.edited_at,
        }
        for a in annotations
    ]


def _cycles(user: User) -> list[dict]:
    from videoklub.cycles.models import Cycle

    cycles = (
        Cycle.objects.filter(teacher=user)
        .select_related("klub", "core_practice", "learning_question")
        .prefetch_related("question_comments__author", "actions", "reflections")
        .order_by("created_at")
    )
    result = []
    for cycle in cycles:
        question = getattr(cycle, "learning_question", None)
        result.append(
            {
                "nummer": cycle.number,
                "klub": cycle.klub.name,
                "kernpraktijk": str(cycle.core_practice) if cycle.core_practice else None,
                "fase": cycle.get_phase_display(),
                "gestart_op": cycle.created_at,
                "afgerond_op": cycle.finished_at,
                "leervraag": {
                    "doel": question.goal,
                    "realiteit": question.reality,
                    "hulpbronnen": question.resources,
                    "opties": question.options,
                    "weg_vooruit": question.way_forward,
                    "vraag": question.question,
                }
                if question
                else None,
                "reacties": [
                    {
                        "van": (c.author.full_name if c.author else None),
                        "tekst": c.body,
                        "op": c.created_at,
                    }
                    for c in cycle.question_comments.all()
                ],
                "acties": [
                    {
                        "wat": a.description,
                        "succescriterium": a.success_criterion,
                        "tegen": a.due_on,
                        "status": a.get_status_display(),
                        "gemaakt_op": a.created_at,
                    }
                    for a in cycle.actions.all()
                ],
                "reflecties": [
                    {"tekst": r.body, "geschreven_op": r.created_at}
                    for r in cycle.reflections.all()
                ],
            }
        )
    return result


def _comments(user: User) -> list[dict]:
    from videoklub.cycles.models import QuestionComment

    comments = QuestionComment.objects.filter(author=user).select_related("cycle__klub")
    return [
        {
            "cyclus": c.cycle.number,
            "klub": c.cycle.klub.name,
            "eigen_cyclus": c.cycle.teacher_id == user.pk,
            "tekst": c.body,
            "op": c.created_at,
        }
        for c in comments.order_by("created_at")
    ]


def _coaching(user: User) -> list[dict]:
    from videoklub.cycles.models import CoachingVisit

    visits = CoachingVisit.objects.filter(teacher=user).select_related("coach", "klub")
    return [
        {
            "soort": v.get_kind_display(),
            "datum": v.visited_on,
            "coach": v.coach.full_name if v.coach else None,
            "klub": v.klub.name,
            "doelen": v.goals,
            "acties": v.actions,
            "reflecties": v.reflections,
        }
        for v in visits.order_by("visited_on")
    ]


def _session_notes(user: User) -> list[dict]:
    from videoklub.meetings.models import TeacherNote

    notes = TeacherNote.objects.filter(teacher=user).select_related("meeting")
    return [
        {"bijeenkomst": n.meeting.title, "datum": n.meeting.starts_at, "notitie": n.body}
        for n in notes.order_by("created_at")
    ]


def _observations(user: User) -> list[dict]:
    from videoklub.observations.models import Observation

    observations = (
        Observation.objects.filter(observer=user)
        .select_related("fragment__recording", "version__framework")
        .prefetch_related("scores__indicator")
        .order_by("created_at")
    )
    return [
        {
            "kijkwijzer": o.version.framework.name,
            "versie": o.version.number,
            "opname": o.fragment.recording.title,
            "fragment": o.fragment.title,
            "notities": o.notes,
            "gemaakt_op": o.created_at,
            "scores": [
                {"indicator": s.indicator.text, "score": s.value, "notitie": s.note}
                for s in o.scores.all()
            ],
        }
        for o in observations
    ]


def _shares(user: User) -> list[dict]:
    from videoklub.sharing.models import Share

    shares = Share.objects.filter(created_by=user).select_related(
        "fragment__recording", "recording", "klub"
    )
    return [
        {
            "opname": (s.fragment.recording if s.fragment else s.recording).title
            if (s.fragment or s.recording)
            else None,
            "fragment": s.fragment.title if s.fragment else None,
            "gedeeld_met": s.get_audience_display(),
            "klub": s.klub.name,
            "gedeeld_op": s.created_at,
            "tot": s.expires_at,
            "ingetrokken_op": s.revoked_at,
            "geanonimiseerd": s.anonymised,
        }
        for s in shares.order_by("created_at")
    ]


def _audit(user: User) -> list[dict]:
    from videoklub.audit.models import AuditEvent

    events = AuditEvent.objects.filter(owner=user).select_related("actor").order_by("at")
    return [
        {
            "wanneer": e.at,
            "wie": e.actor.full_name if e.actor else None,
            "wat": e.get_action_display(),
            "soort": e.item_type,
            "item": e.item_label,
        }
        for e in events
    ]


def _trail_pdf(user: User) -> bytes:
    from videoklub.cycles.pdf import trail_pdf

    # A bare request: the PDF template needs no request data, and context processors cope.
    return trail_pdf(HttpRequest(), teacher=user)


def data_export_write(user: User, target: str) -> None:
    """Write the zip of everything of `user`'s to the local path `target`."""
    with zipfile.ZipFile(target, "w", allowZip64=True) as zf:
        _json(zf, "profiel.json", _profile(user))
        _json(zf, "opnames.json", _recordings(zf, user))
        _json(zf, "aantekeningen.json", _annotations(user))
        _json(zf, "cycli.json", _cycles(user))
        _json(zf, "reacties.json", _comments(user))
        _json(zf, "coachingbezoeken.json", _coaching(user))
        _json(zf, "sessienotities.json", _session_notes(user))
        _json(zf, "observaties.json", _observations(user))
        _json(zf, "delingen.json", _shares(user))
        _json(zf, "logboek.json", _audit(user))
        zf.writestr("leerspoor.pdf", _trail_pdf(user), compress_type=zipfile.ZIP_STORED)


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


def data_export_get_for_user(user: User, token: UUID) -> DataExport:
    """The export with this token if it is the user's; a 404 for anyone else, as if it did
    not exist."""
    return get_object_or_404(DataExport, token=token, owner=user)
