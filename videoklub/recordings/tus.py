"""The tus 1.0 resumable upload protocol (core, creation, creation-with-upload,
creation-defer-length, termination, checksum, expiration), served by the app itself.

https://tus.io/protocols/resumable-upload: a client creates an upload (POST), sends bytes with
PATCH at the offset the server confirms, and after a dropped connection asks the offset (HEAD)
and continues from there.

Limits a tus client understands: 413 for a file over UPLOAD_MAX_BYTES or over the storage
quota of the teacher or the school (quotas.py), 429 for too many unfinished uploads or too
many new ones per hour (with Retry-After). The body is a Dutch sentence the page shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from videoklub import policy
from videoklub.accounts import throttling
from videoklub.consent.models import ClassGroup
from videoklub.organisations.models import Klub, Role
from videoklub.organisations.permissions import memberships
from videoklub.recordings import uploads
from videoklub.recordings.models import Upload, cycles
from videoklub.recordings.uploads import UploadError

if TYPE_CHECKING:
    from videoklub.core.http import AuthenticatedHttpRequest
    from videoklub.cycles.models import Cycle

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration"
OCTET_STREAM = "application/offset+octet-stream"


def _response(status: int, message: str = "", **headers: str) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    response["Access-Control-Expose-Headers"] = (
        "Location, Upload-Offset, Upload-Length, Upload-Expires, Recording-Location"
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _options() -> HttpResponse:
    return _response(
        204,
        Tus_Version=TUS_VERSION,
        Tus_Extension=EXTENSIONS,
        Tus_Max_Size=str(settings.UPLOAD_MAX_BYTES),
        Tus_Checksum_Algorithm=",".join(uploads.CHECKSUM_ALGORITHMS),
    )


def _int_header(request: HttpRequest, name: str) -> int | None:
    value = request.headers.get(name)
    if value is None:
        return None
    if not value.isdigit():
        raise UploadError(
            400, _("The %(header)s header must be a whole number.") % {"header": name}
        )
    return int(value)


def _upload_headers(upload: Upload) -> dict[str, str]:
    headers = {
        "Upload_Offset": str(upload.offset),
        "Upload_Expires": http_date(upload.expires_at.timestamp()),
    }
    if upload.recording_id is not None:
        # Not tus: where the browser goes once the upload is done.
        headers["Recording_Location"] = reverse(
            "recordings:detail",
            args=[upload.recording.uuid],  # type: ignore[union-attr]
        )
    if upload.length is not None:
        headers["Upload_Length"] = str(upload.length)
    else:
        headers["Upload_Defer_Length"] = "1"
    return headers


def _guard(request: HttpRequest) -> HttpResponse | None:
    """Common checks; a response when the request cannot go on."""
    if not request.user.is_authenticated:
        return _response(401, _("Log in to upload recordings."))
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        return _response(412, _("Unsupported tus version."), Tus_Version=TUS_VERSION)
    return None


def _creation_limit(request: AuthenticatedHttpRequest) -> HttpResponse | None:
    """New uploads per person per hour: 429 with Retry-After once they are used up."""
    wait = throttling.wait_seconds(
        request,
        group="tus-creations",
        key="user",
        limit=settings.UPLOAD_CREATIONS_PER_HOUR,
        per_seconds=throttling.HOUR,
        count=True,
    )
    if wait is None:
        return None
    minutes = throttling.minutes(wait)
    message = ngettext(
        "You started too many uploads in a short time. Try again in %(minutes)d minute.",
        "You started too many uploads in a short time. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    return _response(429, message, Retry_After=str(wait))


def _cycle_for(request: AuthenticatedHttpRequest, metadata: dict[str, str]) -> Cycle | None:
    """The development cycle the recording is filmed for: one of the teacher's own."""
    wanted = metadata.get("cycle")
    if not wanted:
        return None
    cycle = (
        cycles().filter(pk=wanted, teacher=request.user).select_related("klub").first()
        if wanted.isdigit()
        else None
    )
    if cycle is None:
        raise UploadError(403, _("You can only add recordings to your own cycles."))
    return cycle


def _class_group_for(
    request: AuthenticatedHttpRequest, metadata: dict[str, str]
) -> ClassGroup | None:
    """The class group in the recording: one of a school whose consent register the teacher
    keeps."""
    wanted = metadata.get("class_group")
    if not wanted:
        return None
    class_group = (
        ClassGroup.objects.filter(pk=wanted, archived=False).select_related("school").first()
        if wanted.isdigit()
        else None
    )
    if class_group is None or not policy.can(request.user, "manage_consent", class_group.school):
        raise UploadError(403, _("You can only film class groups of your own school."))
    return class_group


def _klub_for(request: AuthenticatedHttpRequest, metadata: dict[str, str]) -> Klub | None:
    mine = [
        m.klub
        for m in memberships(request.user)
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
    ]
    wanted = metadata.get("klub")
    if wanted:
        chosen = next((klub for klub in mine if str(klub.pk) == wanted), None)
        if chosen is None:
            raise UploadError(403, _("You can only add recordings to your own klub."))
        return chosen
    return mine[0] if len(mine) == 1 else None


def _append(request: HttpRequest, upload: Upload, offset: int) -> Upload:
    return uploads.upload_append(
        upload=upload,
        offset=offset,
        body=request,  # type: ignore[arg-type]  # HttpRequest is a readable stream
        content_length=_int_header(request, "Content-Length"),
        checksum=request.headers.get("Upload-Checksum", ""),
        final_length=_int_header(request, "Upload-Length"),
    )


@never_cache
@require_http_methods(["OPTIONS", "POST"])
def collection(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create an upload (POST); OPTIONS tells what this server supports."""
    if request.method == "OPTIONS":
        return _options()
    if refusal := _guard(request) or _creation_limit(request):
        return refusal
    try:
        if not policy.can(request.user, "add_recording"):
            raise UploadError(403, _("Only members of a klub can add recordings."))
        deferred = request.headers.get("Upload-Defer-Length") == "1"
        length = _int_header(request, "Upload-Length")
        if length is None and not deferred:
            raise UploadError(400, _("The Upload-Length header is missing."))
        metadata = uploads.parse_metadata(request.headers.get("Upload-Metadata", ""))
        cycle = _cycle_for(request, metadata)
        upload = uploads.upload_create(
            owner=request.user,
            length=None if deferred else length,
            metadata=metadata,
            klub=cycle.klub if cycle is not None else _klub_for(request, metadata),
            cycle=cycle,
            class_group=_class_group_for(request, metadata),
        )
        if request.content_type == OCTET_STREAM and (_int_header(request, "Content-Length") or 0):
            upload = _append(request, upload, 0)
    except UploadError as error:
        return _response(error.status, str(error.message))
    location = request.build_absolute_uri(reverse("recordings:tus_upload", args=[upload.pk]))
    return _response(201, Location=location, **_upload_headers(upload))


@never_cache
@require_http_methods(["OPTIONS", "HEAD", "PATCH", "DELETE"])
def resource(request: AuthenticatedHttpRequest, upload_id: str) -> HttpResponse:
    """One upload: its offset (HEAD), more bytes (PATCH) or giving up (DELETE)."""
    if request.method == "OPTIONS":
        return _options()
    if refusal := _guard(request):
        return refusal
    upload = Upload.objects.select_related("recording").filter(pk=upload_id).first()
    # Someone else's upload answers exactly like one that does not exist.
    if upload is None or not policy.can(request.user, "write_upload", upload):
        return _response(404, _("This upload does not exist (any more)."))
    if upload.completed_at is None and upload.expires_at < timezone.now():
        return _response(410, _("This upload has expired. Start it again."))
    try:
        if request.method == "HEAD":
            return _response(200, **_upload_headers(upload))
        if request.method == "DELETE":
            uploads.upload_terminate(upload=upload)
            return _response(204)
        if request.content_type != OCTET_STREAM:
            raise UploadError(415, _("Send the data as %(type)s.") % {"type": OCTET_STREAM})
        offset = _int_header(request, "Upload-Offset")
        if offset is None:
            raise UploadError(400, _("The Upload-Offset header is missing."))
        upload = _append(request, upload, offset)
    except UploadError as error:
        return _response(error.status, str(error.message))
    return _response(204, **_upload_headers(upload))
