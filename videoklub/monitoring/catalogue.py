"""The indicators a programme reports on: their keys, names and how each is computed.

Kept apart from the computation (`indicators.py`) so the models can name the choices without
loading every app's models. The "how" is shown to staff next to every figure: a funder's figure
that nobody can explain is worth little.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IndicatorInfo:
    key: str
    label: Promise
    how: Promise
    percent: bool = False  # a share in %, not a count
    # Kennisbank content belongs to the programme as a whole, not to a school or a wave.
    programme_wide: bool = False


CATALOGUE = [
    IndicatorInfo(
        "coaches_trained",
        _("coaches trained"),
        _(
            "People with the coach role in a klub of the programme: the role is given to a "
            "coach who took part in the start days."
        ),
    ),
    IndicatorInfo(
        "teachers_coached",
        _("teachers coached"),
        _(
            "Teachers of the programme's klubs who were present at a klub session that was held "
            "or who had a coaching visit in the classroom."
        ),
    ),
    IndicatorInfo(
        "klub_sessions",
        _("klub sessions held"),
        _("Klub sessions of the programme's klubs marked as held."),
    ),
    IndicatorInfo(
        "community_sessions",
        _("learning-community sessions"),
        _(
            "Start days, learning-community sessions and study days of the coaches' learning "
            "community whose attendance was taken, with at least one coach present (for a "
            "school or wave: attended by its coaches)."
        ),
    ),
    IndicatorInfo(
        "intervision_moments",
        _("intervision moments"),
        _(
            "Intervision sessions held: a group of coaches of different schools discussed a "
            "case with a method in session mode (for a school or wave: with its coaches "
            "present)."
        ),
    ),
    IndicatorInfo(
        "coaching_visits",
        _("coaching visits"),
        _("Visits in the classroom in the coaches' coaching logs."),
    ),
    IndicatorInfo(
        "cycles_completed",
        _("cycles completed"),
        _("Video development cycles closed as completed (not stopped)."),
    ),
    IndicatorInfo(
        "practice_examples",
        _("practice examples"),
        _("Fragments of the programme's teachers published as practice examples."),
    ),
    IndicatorInfo(
        "knowledge_clips",
        _("knowledge clips"),
        _("Kennisclips published in the kennisbank (for the whole programme)."),
        programme_wide=True,
    ),
    IndicatorInfo(
        "course_completions",
        _("e-course completions"),
        _("E-courses completed by teachers of the programme's klubs."),
    ),
    IndicatorInfo(
        "pupils_reached",
        _("pupils reached"),
        _(
            "Pupils in the class groups filmed for the programme's klubs (each pupil once, "
            "from the first recording of their class)."
        ),
    ),
    IndicatorInfo(
        "teachers_applying",
        _("teachers applying the practices"),
        _(
            "Share of the teachers coached who completed a cycle: they tried out an agreed "
            "action in class, filmed or reflected again and evaluated it."
        ),
        percent=True,
    ),
]

INFO = {info.key: info for info in CATALOGUE}
INDICATOR_CHOICES = [(info.key, info.label) for info in CATALOGUE]
