"""Serving media only after a permission check, with HTTP Range so browsers can seek."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from videoklub.recordings import storage

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOCK = 256 * 1024


def _byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) for a single satisfiable range; None without (usable) Range header; False
    when the range cannot be satisfied."""
    match = _RANGE.match(header.strip())
    if not match:
        return None  # absent, or several ranges: answer with the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def starts_playback(request: HttpRequest) -> bool:
    """Is this the request that starts watching (not one of the Range requests that follow
    while seeking)? Browsers open a video with no Range or with `bytes=0-`."""
    header = request.headers.get("Range", "").strip()
    return request.method == "GET" and header in ("", "bytes=0-")


def _read(name: str, start: int, length: int) -> Iterator[bytes]:
    with storage.storage().open(name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            block = handle.read(min(BLOCK, remaining))
            if not block:
                break
            remaining -= len(block)
            yield block


def serve(
    request: HttpRequest,
    file: FieldFile,
    content_type: str,
    *,
    download_name: str | None = None,
) -> HttpResponseBase:
    """The file, after the caller has checked permission. Local storage streams through the
    app with Range support; object storage redirects to a short-lived signed URL."""
    disposition = (
        content_disposition_header(as_attachment=True, filename=download_name)
        if download_name
        else "inline"
    )
    name = file.name or ""
    if settings.STORAGE_BACKEND == "s3":
        url = storage.storage().url(  # type: ignore[call-arg]  # django-storages' S3Storage
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            expire=settings.S3_URL_EXPIRY_SECONDS,
        )
        redirect = HttpResponseRedirect(url)
        redirect["Cache-Control"] = "no-store"
        return redirect

    size = storage.storage().size(name)
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Type": content_type,
        "Content-Disposition": disposition,
        # Every request is checked again, so a revoked share stops the next request.
        "Cache-Control": "private, no-store",
    }
    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        # nginx serves the bytes (with Range) from an `internal` location after our check.
        response = HttpResponse(headers=headers)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX + name
        return response

    byte_range = _byte_range(request.headers.get("Range", ""), size)
    if byte_range is False:
        return HttpResponse(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    if byte_range is None:
        start, end, status = 0, size - 1, 200
    else:
        (start, end), status = byte_range, 206  # type: ignore[misc]
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    length = end - start + 1 if size else 0
    headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        return HttpResponse(status=status, headers=headers)
    return StreamingHttpResponse(_read(name, start, length), status=status, headers=headers)
