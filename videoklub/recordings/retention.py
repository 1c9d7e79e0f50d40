"""Retention: raw recordings are deleted a programme's `retention_days` after its school year.

A recording belongs to the programme of its klub (`recording.klub.programme`). The school year
"2026-2027" ends on 31 August 2027; with 60 days, its recordings are deleted on 30 October 2027
(the deletion date), and their owners are warned by e-mail 14 days before. A recording added
after its programme's school year ended is judged by the school year it was added in, so a late
upload is never deleted on the day it arrives.

Recordings without a klub are left alone: they belong to no programme, so no programme's rule
applies to them (they can only come from before klubs were required, or a klub that was removed,
and their owner deletes them).

`retention_apply` runs in `manage.py maintenance` (every minute): it is idempotent, since deleted
recordings are gone and a warned recording carries `retention_warned_at`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Programme
from videoklub.recordings.models import Recording, RetentionRun
from videoklub.recordings.services import recording_expire

logger = logging.getLogger(__name__)
WARNING_DAYS = 14
MAX_RETENTION_DAYS = 3650


def school_year_end(school_year: str) -> date:
    """ "2026-2027" → 31 August 2027."""
    return date(int(school_year.split("-")[1]), 8, 31)


def school_year_end_of(day: date) -> date:
    """The end of the school year `day` lies in (1 September – 31 August)."""
    return date(day.year if day.month <= 8 else day.year + 1, 8, 31)


def deletion_date(programme: Programme, created_on: date | None = None) -> date:
    """When the programme's recordings (one added on `created_on`) are deleted."""
    end = school_year_end(programme.school_year)
    if created_on is not None:
        end = max(end, school_year_end_of(created_on))
    return end + timedelta(days=programme.retention_days)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _last_year_end_on_or_before(day: date) -> date:
    end = school_year_end_of(day)
    return end if end <= day else date(end.year - 1, 8, 31)


def _due_by(programme: Programme, day: date) -> QuerySet[Recording]:
    """The programme's recordings whose deletion date is `day` or earlier."""
    # deletion date ≤ day ⟺ max(programme's year end, creation's year end) ≤ day − retention,
    # i.e. the programme's year ended by then and the recording was added before the 1st of
    # September after the last year end on or before that day.
    limit = day - timedelta(days=programme.retention_days)
    if school_year_end(programme.school_year) > limit:
        return Recording.objects.none()
    added_before = _start_of(_last_year_end_on_or_before(limit) + timedelta(days=1))
    return Recording.objects.filter(klub__programme=programme, created_at__lt=added_before)


@dataclass
class _Warning:
    recording: Recording
    programme_id: int
    deletes_on: date


def _warn(warnings: dict[int, list[_Warning]], now: datetime) -> list[_Warning]:
    """One e-mail per owner listing their recordings and when each is deleted; returns the
    warnings sent. An owner whose e-mail fails is tried again at the next run."""
    sent: list[_Warning] = []
    for items in warnings.values():
        owner = items[0].recording.owner
        context = {
            "owner": owner,
            "items": sorted(items, key=lambda item: (item.deletes_on, item.recording.title)),
            "url": settings.SITE_URL + reverse("recordings:list"),
            "my_data_url": settings.SITE_URL + reverse("privacy:my_data"),
        }
        try:
            with translation.override(settings.LANGUAGE_CODE):
                subject = render_to_string(
                    "recordings/email/retention_subject.txt", context
                ).strip()
                body = render_to_string("recordings/email/retention_body.txt", context)
            send_mail(subject, body, None, [owner.email])
        except Exception:
            logger.exception("retention warning to user %s failed", owner.pk)
            continue
        # Marked after sending: a failed e-mail is tried again, a sent one never.
        Recording.objects.filter(pk__in=[item.recording.pk for item in items]).update(
            retention_warned_at=now
        )
        # Also in the inbox; the e-mail above is the one that counts, so none is sent again.
        notify(
            recipients=[owner],
            kind=Kind.RETENTION_WARNING,
            url=reverse("recordings:list"),
            context={"date": min(item.deletes_on for item in items).isoformat()},
            email=False,
        )
        sent += items
    return sent


def retention_apply(*, now: datetime | None = None) -> list[RetentionRun]:
    """Delete the recordings past their programme's retention and warn the owners of those due
    within WARNING_DAYS. Writes a RetentionRun per programme where something happened (a sweep
    that does nothing leaves no row, as it runs every minute) and an audit event per deleted
    recording. Running it again deletes nothing more and warns nobody twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    deleted: dict[int, list[dict]] = {}
    programmes: dict[int, Programme] = {}
    warnings: dict[int, list[_Warning]] = defaultdict(list)
    for programme in Programme.objects.all():
        # Nothing of this programme can be due before its school year ended.
        if deletion_date(programme) - timedelta(days=WARNING_DAYS) > today:
            continue
        programmes[programme.pk] = programme
        details = deleted.setdefault(programme.pk, [])
        for recording in _due_by(programme, today).order_by("created_at"):
            deletes_on = deletion_date(programme, timezone.localdate(recording.created_at))
            # Logged as RETENTION; the instance keeps its fields, so the report names what went.
            recording_expire(recording=recording, deletion_date=deletes_on)
            details.append(
                {
                    "uuid": str(recording.uuid),
                    "title": recording.title,
                    "created": recording.created_at.isoformat(),
                    "size": recording.original_size + recording.rendition_size,
                }
            )
        due_soon = (
            _due_by(programme, today + timedelta(days=WARNING_DAYS))
            .filter(retention_warned_at__isnull=True)
            .select_related("owner")
        )
        for recording in due_soon:
            deletes_on = deletion_date(programme, timezone.localdate(recording.created_at))
            warnings[recording.owner_id].append(_Warning(recording, programme.pk, deletes_on))
    warned: dict[int, int] = defaultdict(int)
    for item in _warn(warnings, now):
        warned[item.programme_id] += 1
    runs = [
        RetentionRun.objects.create(
            ran_at=now,
            programme=programmes[pk],
            deleted=len(details),
            warned=warned[pk],
            details=details,
        )
        for pk, details in deleted.items()
        if details or warned[pk]
    ]
    for run in runs:
        logger.info("retention %s: deleted %s, warned %s", run.programme, run.deleted, run.warned)
    return runs


# --- The report and the setting ---------------------------------------------------------------


@dataclass
class UpcomingMonth:
    month: date  # the first of the month
    count: int


def upcoming_deletions(programme: Programme) -> list[UpcomingMonth]:
    """How many of the programme's recordings will be deleted, per month of deletion (one
    query, whatever the number of recordings)."""
    tz = timezone.get_current_timezone()
    rows = (
        Recording.objects.filter(klub__programme=programme)
        .annotate(
            year=ExtractYear("created_at", tzinfo=tz), month=ExtractMonth("created_at", tzinfo=tz)
        )
        .values("year", "month")
        .annotate(count=Count("id"))
        .order_by()
    )
    per_month: dict[date, int] = defaultdict(int)
    for row in rows:
        deletes_on = deletion_date(programme, date(row["year"], row["month"], 1))
        per_month[deletes_on.replace(day=1)] += row["count"]
    return [UpcomingMonth(month, count) for month, count in sorted(per_month.items())]


def retention_runs(programme: Programme, *, limit: int = 50) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.filter(programme=programme)[:limit]


@transaction.atomic
def programme_retention_update(
    *, programme: Programme, retention_days: int, now: datetime | None = None
) -> Programme:
    """Change how long the programme keeps recordings after its school year. A shorter period
    may not bring the deletion date closer than WARNING_DAYS from today: owners get their
    warning first."""
    today = timezone.localdate(now or timezone.now())
    if not 0 <= retention_days <= MAX_RETENTION_DAYS:
        raise ValidationError(
            {
                "retention_days": _("Choose a number of days between 0 and %(max)s.")
                % {"max": MAX_RETENTION_DAYS}
            }
        )
    if retention_days < programme.retention_days:
        end = school_year_end(programme.school_year)
        earliest = today + timedelta(days=WARNING_DAYS)
        if end + timedelta(days=retention_days) < earliest:
            raise ValidationError(
                {
                    "retention_days": _(
                        "Owners are warned %(warning)s days before their recordings are "
                        "deleted, so the deletion date cannot be before %(date)s: choose at "
                        "least %(days)s days."
                    )
                    % {
                        "warning": WARNING_DAYS,
                        "date": formats.date_format(earliest),
                        "days": (earliest - end).days,
                    }
                }
            )
    programme.retention_days = retention_days
    programme.full_clean()
    programme.save(update_fields=["retention_days"])
    return programme
