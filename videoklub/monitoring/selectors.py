"""A programme's figures against its targets, for its staff, and a school's, for its leaders.

Everything is computed when asked (`indicators.py`); nothing typed in. Counts only, never a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub.monitoring.catalogue import CATALOGUE, IndicatorInfo
from videoklub.monitoring.indicators import WHOLE, Collected, Scope, value
from videoklub.monitoring.models import Milestone, Target
from videoklub.monitoring.permissions import SchoolInProgramme
from videoklub.organisations.models import Programme, School, Wave
from videoklub.policy import authorize, can
from videoklub.surveys.selectors import applying_practice_share

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@dataclass
class Progress:
    value: float | None
    target: Target | None = None

    @property
    def share(self) -> int | None:
        """How far towards the lower end of the target, in % (capped at 100 for the bar)."""
        if self.value is None or self.target is None or not self.target.minimum:
            return None
        return min(100, round(100 * Decimal(str(self.value)) / self.target.minimum))

    @property
    def reached(self) -> bool:
        return self.share is not None and self.share >= 100


@dataclass
class Row:
    info: IndicatorInfo
    now: Progress
    status: str  # "reached", "on_track", "behind", "" (no target)
    per_wave: list[Progress] = field(default_factory=list)  # in the order of Figures.waves
    per_milestone: list[float | None] = field(default_factory=list)  # Figures.milestones
    # Where a figure comes from when it is not the "how" of the catalogue (a survey's share).
    source: str = ""


@dataclass
class Figures:
    programme: Programme
    as_of: date
    rows: list[Row]
    waves: list[Wave]
    milestones: list[Milestone]
    school: School | None = None
    collected: Collected | None = None

    def get(self, key: str) -> float | None:
        return next(row.now.value for row in self.rows if row.info.key == key)


def _elapsed(programme: Programme, today: date) -> float | None:
    """The share of the programme's time that has passed (None without both dates)."""
    if programme.starts_on is None or programme.ends_on is None:
        return None
    total = (programme.ends_on - programme.starts_on).days
    if total <= 0:
        return None
    return max(0.0, min(1.0, (today - programme.starts_on).days / total))


def _status(progress: Progress, elapsed: float | None) -> str:
    """Reached the lower end; or on track: at least the part of it that the time passed asks."""
    share = progress.share
    if share is None:
        return ""
    if share >= 100:
        return "reached"
    if elapsed is not None and share >= 100 * elapsed:
        return "on_track"
    return "behind"


def _figures(
    programme: Programme, *, school: School | None = None, as_of: date | None = None
) -> Figures:
    today = as_of or timezone.localdate()
    collected = Collected(programme)
    waves = [] if school else list(programme.waves.order_by("number"))
    milestones = list(Milestone.objects.filter(programme=programme))
    targets = {(t.indicator, t.wave_id): t for t in Target.objects.filter(programme=programme)}
    scope = Scope(school_id=school.pk) if school else WHOLE
    elapsed = _elapsed(programme, today)
    rows = []
    for info in CATALOGUE:
        if school is not None and info.programme_wide:
            continue
        # A school has no target of its own: the programme's targets are for all its schools.
        target = None if school else targets.get((info.key, None))
        now = Progress(value(collected, info.key, until=today, scope=scope), target)
        rows.append(
            Row(
                info,
                now,
                _status(now, elapsed),
                per_wave=[
                    Progress(
                        value(collected, info.key, until=today, scope=Scope(wave_id=wave.pk)),
                        targets.get((info.key, wave.pk)),
                    )
                    for wave in waves
                ],
                # A milestone still ahead has no figure yet (the one of today is in "now").
                per_milestone=[
                    value(collected, info.key, until=m.due_on, scope=scope)
                    if m.due_on <= today
                    else None
                    for m in milestones
                ],
            )
        )
    return Figures(programme, today, rows, waves, milestones, school, collected)


def programme_get_for_monitoring(user: AnyUser, pk: int, action: str = "view_monitoring"):
    programme = get_object_or_404(Programme, pk=pk)
    authorize(user, action, programme, hide_as="view_programme")
    return programme


def programme_figures(user: AnyUser, programme: Programme, *, as_of: date | None = None):
    authorize(user, "view_monitoring", programme)
    figures = _figures(programme, as_of=as_of)
    share, n = applying_practice_share(programme)
    if share is not None and (as_of is None or as_of >= timezone.localdate()):
        # What teachers say in the end-of-project evaluation beats what the cycles suggest:
        # the question asks it directly. Only today's report: a survey has no history by date.
        row = next(r for r in figures.rows if r.info.key == "teachers_applying")
        row.now.value = round(100 * share, 1)
        row.status = _status(row.now, _elapsed(programme, figures.as_of))
        row.source = _("From the end-of-project evaluation: %(n)s teachers answered.") % {"n": n}
    return figures


def school_place_get(user: AnyUser, programme_pk: int, school_pk: int) -> SchoolInProgramme:
    """A school of the programme whose report `user` may read; 404 for a school outside it or
    a report they may not read (its existence is not theirs to learn)."""
    programme = get_object_or_404(Programme, pk=programme_pk)
    # distinct(): a school with two klubs in the programme is one school.
    school = get_object_or_404(
        School.objects.filter(klubs__programme=programme).distinct(), pk=school_pk
    )
    place = SchoolInProgramme(programme, school)
    if not can(user, "view_school_report", place):
        raise Http404
    return place


def school_figures(user: AnyUser, place: SchoolInProgramme, *, as_of: date | None = None):
    authorize(user, "view_school_report", place)
    return _figures(place.programme, school=place.school, as_of=as_of)


def schools_of(programme: Programme) -> list[School]:
    return list(School.objects.filter(klubs__programme=programme).distinct().order_by("name"))


def targets_of(user: AnyUser, programme: Programme) -> list[Target]:
    authorize(user, "view_monitoring", programme)
    return list(Target.objects.filter(programme=programme).select_related("wave"))


def target_get(user: AnyUser, programme: Programme, pk: int) -> Target:
    authorize(user, "manage_monitoring", programme)
    return get_object_or_404(Target, pk=pk, programme=programme)


def milestone_get(user: AnyUser, programme: Programme, pk: int) -> Milestone:
    authorize(user, "manage_monitoring", programme)
    return get_object_or_404(Milestone, pk=pk, programme=programme)
