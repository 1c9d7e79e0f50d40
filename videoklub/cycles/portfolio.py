"""What the learning trail's PDF prints besides the timeline: per cycle the GRROW answers, the
observations with their scores and the klub's feedback (comments on the learning question,
the klub sessions with their notes about the teacher and the actions agreed there).

The PDF belongs to the teacher and goes into their portfolio, so everything here is read for
that one teacher: comments on *their* question, actions of *their* cycles, notes about *them*;
never a colleague's work, nor a session's general notes (which speak of the whole klub).

Notes taken in a klub session live in meetings, a floor above: meetings registers a provider
here from its `ready()` (`register_session_notes`), so this module imports nothing above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from videoklub.cycles.models import Action, Cycle, QuestionComment
from videoklub.cycles.selectors import TrailSection, learning_trail
from videoklub.observations.models import Observation, ScaleLevel, Score

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from videoklub.accounts.models import User


@dataclass(frozen=True)
class SessionNote:
    """A note a coach took about the teacher in a klub session."""

    meeting_id: int
    klub_id: int
    meeting_title: str
    starts_at: datetime
    author: str
    body: str


# teacher -> the notes klub sessions kept about that teacher (and no one else)
SessionNotesProvider = Callable[["User"], list[SessionNote]]
_session_notes_providers: list[SessionNotesProvider] = []


def register_session_notes(provider: SessionNotesProvider) -> None:
    if provider not in _session_notes_providers:
        _session_notes_providers.append(provider)


def _session_notes(teacher: User) -> list[SessionNote]:
    return [note for provider in _session_notes_providers for note in provider(teacher)]


@dataclass
class ScoreLine:
    indicator: str
    value: int | None
    label: str  # the scale level's label for the value ("" when the value is not on the scale)
    note: str


@dataclass
class ObservationDetail:
    observation: Any  # observations.Observation
    scores: list[ScoreLine] = field(default_factory=list)


@dataclass
class KlubSessionFeedback:
    """A klub session as far as it concerns the teacher: the notes about them and the actions
    agreed for them there."""

    meeting_id: int
    title: str
    starts_at: datetime
    notes: list[SessionNote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class PortfolioSection:
    trail: TrailSection
    grrow: list[tuple[Promise, str]] = field(default_factory=list)
    comments: list[QuestionComment] = field(default_factory=list)
    observations: list[ObservationDetail] = field(default_factory=list)
    sessions: list[KlubSessionFeedback] = field(default_factory=list)

    @property
    def cycle(self) -> Cycle | None:
        return self.trail.cycle

    @property
    def has_feedback(self) -> bool:
        return bool(self.comments or self.sessions)


@dataclass
class Portfolio:
    sections: list[PortfolioSection]
    # Sessions with notes about the teacher in a klub where they have no cycle.
    other_sessions: list[KlubSessionFeedback] = field(default_factory=list)


GRROW_STEPS = [
    ("goal", _("Goal")),
    ("reality", _("Reality")),
    ("resources", _("Resources")),
    ("options", _("Options")),
    ("way_forward", _("Way forward")),
]


def _grrow(cycle: Cycle) -> list[tuple[Promise, str]]:
    question = getattr(cycle, "learning_question", None)
    if question is None:
        return []
    answers = ((label, getattr(question, name).strip()) for name, label in GRROW_STEPS)
    return [(label, answer) for label, answer in answers if answer]


def _observations(teacher: User) -> dict[int, list[ObservationDetail]]:
    """Per cycle, the observations of the teacher's fragments filed under it, oldest first,
    each with its scores in the kijkwijzer's order. Three queries."""
    observations = list(
        Observation.objects.filter(
            fragment__recording__owner=teacher, fragment__recording__cycle__teacher=teacher
        )
        .select_related("version__framework", "fragment__recording", "observer")
        .order_by("created_at", "pk")
    )
    details = {o.pk: ObservationDetail(observation=o) for o in observations}
    labels = {
        (level.version_id, level.value): level.label
        for level in ScaleLevel.objects.filter(version_id__in={o.version_id for o in observations})
    }
    for score in (
        Score.objects.filter(observation_id__in=details)
        .exclude(value__isnull=True, note="")
        .select_related("indicator__domain")
        .order_by("indicator__domain__order", "indicator__order", "pk")
    ):
        detail = details[score.observation_id]
        label = ""
        if score.value is not None:
            label = labels.get((detail.observation.version_id, score.value), "")
        detail.scores.append(
            ScoreLine(
                indicator=score.indicator.text, value=score.value, label=label, note=score.note
            )
        )
    by_cycle: dict[int, list[ObservationDetail]] = {}
    for observation in observations:
        cycle_id = observation.fragment.recording.cycle_id
        if cycle_id is not None:  # always: the query asks for the teacher's cycles
            by_cycle.setdefault(cycle_id, []).append(details[observation.pk])
    return by_cycle


def _session_cycle(cycles: list[Cycle], klub_id: int, starts_at: datetime) -> Cycle | None:
    """The cycle a session without agreed actions belongs to: the teacher's cycle in that klub
    started last before it, else their first one there."""
    in_klub = [c for c in cycles if c.klub_id == klub_id]
    started = [c for c in in_klub if c.created_at <= starts_at]
    if started:
        return started[-1]
    return in_klub[0] if in_klub else None


def learning_trail_portfolio(teacher: User) -> Portfolio:
    """The learning trail (`learning_trail`) with, per cycle, what the PDF adds to it. A
    constant number of queries, whatever the number of cycles, observations and sessions."""
    trail = learning_trail(teacher)
    sections = [PortfolioSection(trail=section) for section in trail]
    by_cycle = {s.cycle.pk: s for s in sections if s.cycle is not None}
    cycles = [s.cycle for s in sections if s.cycle is not None]  # oldest first

    observations = _observations(teacher)
    for section in sections:
        if section.cycle is not None:
            section.grrow = _grrow(section.cycle)
            section.observations = observations.get(section.cycle.pk, [])

    for comment in QuestionComment.objects.filter(cycle__teacher=teacher).select_related("author"):
        by_cycle[comment.cycle_id].comments.append(comment)

    # A klub session goes to the cycle whose actions were agreed there; one with only notes
    # about the teacher to the cycle that ran in that klub at the time.
    sessions: dict[int, KlubSessionFeedback] = {}
    session_cycle: dict[int, int | None] = {}
    for item in (
        Action.objects.filter(cycle__teacher=teacher, meeting__isnull=False)
        .select_related("meeting")
        .order_by("created_at", "pk")
    ):
        meeting = item.meeting
        assert meeting is not None
        session = sessions.setdefault(
            meeting.pk, KlubSessionFeedback(meeting.pk, meeting.title, meeting.starts_at)
        )
        session.actions.append(item)
        session_cycle.setdefault(meeting.pk, item.cycle_id)
    for note in _session_notes(teacher):
        session = sessions.setdefault(
            note.meeting_id,
            KlubSessionFeedback(note.meeting_id, note.meeting_title, note.starts_at),
        )
        session.notes.append(note)
        if note.meeting_id not in session_cycle:
            cycle = _session_cycle(cycles, note.klub_id, note.starts_at)
            session_cycle[note.meeting_id] = cycle.pk if cycle else None

    portfolio = Portfolio(sections=sections)
    for session in sorted(sessions.values(), key=lambda s: (s.starts_at, s.meeting_id)):
        cycle_id = session_cycle[session.meeting_id]
        if cycle_id is None:
            portfolio.other_sessions.append(session)
        else:
            by_cycle[cycle_id].sessions.append(session)
    return portfolio
