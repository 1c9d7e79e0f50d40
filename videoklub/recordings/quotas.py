"""Storage quotas: how much a teacher and a school keep stored, and how much they may.

What counts, for the owner of a recording and for the school of its klub (a recording without
a klub counts for its owner only):
- once stored: the original, the browser rendition, fragment exports and blurred copies;
- an upload not yet assembled into an original: its announced length from its creation, so
  thirty uploads announced at once cannot each pass the same check; with a deferred length
  (a recording filmed in the browser), the bytes received until the length is known.
Posters and thumbnail strips are left out: a few hundred kilobytes a recording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from videoklub.recordings.models import Fragment, Recording, Upload

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import School

GB = 1024**3


@dataclass(frozen=True)
class Usage:
    used: int
    quota: int  # bytes; 0 means no quota

    @property
    def free(self) -> int | None:
        """Bytes that may still be added; None without a quota."""
        return max(0, self.quota - self.used) if self.quota else None

    @property
    def used_gb(self) -> float:
        return self.used / GB

    @property
    def quota_gb(self) -> float:
        return self.quota / GB


def _used(**scope: object) -> int:
    """Bytes stored or announced for the recordings and uploads in `scope` (owner=... or
    klub__school=...: both models have an owner and a klub)."""
    stored = Recording.objects.filter(**scope).aggregate(
        originals=Sum("original_size", filter=~Q(original="")),
        renditions=Sum("rendition_size"),
    )
    exports = Fragment.objects.filter(
        **{f"recording__{name}": value for name, value in scope.items()}
    ).aggregate(exports=Sum("export_size"), anonymised=Sum("anonymised_size"))
    # Parts not yet joined into an original: the recording has no original (yet), or is gone.
    announced = (
        Upload.objects.filter(**scope)
        .filter(Q(recording__isnull=True) | Q(recording__original=""))
        .aggregate(total=Sum(Coalesce("length", "offset")))
    )
    return sum(v or 0 for v in (*stored.values(), *exports.values(), announced["total"]))


def teacher_usage(user: User) -> Usage:
    return Usage(used=_used(owner=user), quota=settings.STORAGE_QUOTA_PER_TEACHER_GB * GB)


def school_usage(school: School) -> Usage:
    return Usage(used=_used(klub__school=school), quota=settings.STORAGE_QUOTA_PER_SCHOOL_GB * GB)


def unfinished_uploads(user: User) -> int:
    """Uploads the person started and has not finished, and that have not expired yet."""
    return Upload.objects.filter(
        owner=user, completed_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
