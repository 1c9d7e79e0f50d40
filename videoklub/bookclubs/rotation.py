"""Fair rotation of the meeting roles over a reading schedule.

Meeting i gives role j to member (i + j) mod n. Over any run of meetings from the start, every
member gets every role either ⌊k/n⌋ or ⌈k/n⌉ times (k meetings, n members): as evenly as the
schedule allows. With at least as many members as roles nobody has two roles in one meeting;
with fewer, some take two, still in turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

M = TypeVar("M")
R = TypeVar("R")


def rotate(meetings: int, members: Sequence[M], roles: Sequence[R]) -> list[dict[R, M]]:
    """One {role: member} per meeting, in schedule order."""
    n = len(members)
    if n == 0:
        return [{} for _ in range(meetings)]
    return [{role: members[(i + j) % n] for j, role in enumerate(roles)} for i in range(meetings)]
