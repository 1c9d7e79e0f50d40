"""Kennisbank numbers for monitoring: per programme, how many of its teachers watched each
kennisbank video, per school and wave (issue 13's reports read these, beside
`courses.numbers`).

Counted as the e-course numbers are: a teacher counts for every school of the programme they
teach in, once per video; coaches, leaders and staff do not count. Only signed-in members leave
a trace (`VideoWatch`), so these are members reached, never anonymous visitors. Counts only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from videoklub.knowledge.models import VideoPage, VideoWatch
from videoklub.organisations.models import Membership, Role
from videoklub.policy import authorize

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class WatchNumbers:
    video: str  # the title of the video's page (its file's id if no page shows it)
    kind: str  # "kennisclip" or "expertvideo"
    school: str
    wave: int | None
    watched: int  # teachers who started watching it


def videos_watched_for_programme(user: AnyUser, programme: Programme) -> list[WatchNumbers]:
    """Teachers of the programme who watched each video, per school and wave, sorted by video,
    school and wave. Three queries, whatever the size of the programme."""
    authorize(user, "view_programme", programme)
    places: dict[int, set[tuple[str, int | None]]] = defaultdict(set)
    for teacher_id, school_name, wave_number in Membership.objects.filter(
        role=Role.TEACHER, klub__programme=programme
    ).values_list("user_id", "klub__school__name", "klub__wave__number"):
        places[teacher_id].add((school_name, wave_number))
    pages = {
        video_id: (title, kind)
        for video_id, title, kind in VideoPage.objects.filter(video__isnull=False).values_list(
            "video_id", "title", "kind"
        )
    }
    counts: dict[tuple[str, str, str, int | None], int] = defaultdict(int)
    for user_id, video_id in VideoWatch.objects.filter(user_id__in=list(places)).values_list(
        "user_id", "video_id"
    ):
        title, kind = pages.get(video_id, (f"#{video_id}", ""))
        for school, wave in places[user_id]:
            counts[(title, kind, school, wave)] += 1
    return [
        WatchNumbers(title, kind, school, wave, watched)
        for (title, kind, school, wave), watched in sorted(
            counts.items(), key=lambda item: (item[0][0], item[0][2], item[0][3] or 0)
        )
    ]
