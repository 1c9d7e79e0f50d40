"""The funder's report: the figures, the charts and the infographic, for the page and the PDF.

The PDF is made with WeasyPrint from the same context as the pages, so the report, the page and
the exports always say the same thing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from videoklub.baseline.models import ImplementationPhase
from videoklub.baseline.selectors import phase_counts
from videoklub.monitoring import charts
from videoklub.monitoring.charts import dutch_number
from videoklub.monitoring.indicators import WHOLE, Scope
from videoklub.monitoring.profile import programme_profile

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.monitoring.selectors import Figures
    from videoklub.monitoring.surveys import SurveySection
    from videoklub.organisations.models import Programme

# The infographic's big numbers, in the projects' style: "69 coaches trained, 122 teachers
# coached". In this order; an indicator without a value is left out.
HEADLINES = [
    "coaches_trained",
    "teachers_coached",
    "klub_sessions",
    "community_sessions",
    "intervision_moments",
    "pupils_reached",
    "practice_examples",
    "course_completions",
]


@dataclass(frozen=True)
class Headline:
    number: str
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    uri: str  # a data: URI of the SVG
    svg: str


def headlines(figures: Figures) -> list[Headline]:
    found = []
    for key in HEADLINES:
        row = next((r for r in figures.rows if r.info.key == key), None)
        if row is not None and row.now.value:
            found.append(Headline(dutch_number(row.now.value), str(row.info.label)))
    applying = next((r for r in figures.rows if r.info.key == "teachers_applying"), None)
    if applying is not None and applying.now.value is not None:
        found.append(Headline(f"{dutch_number(applying.now.value)} %", str(applying.info.label)))
    return found


def _chart(title: str, svg: str) -> Chart:
    return Chart(title, charts.data_uri(svg), svg)


def report_charts(figures: Figures) -> list[Chart]:
    found = []
    with_targets = [r for r in figures.rows if r.now.target is not None and r.now.value is not None]
    if with_targets:
        found.append(
            _chart(
                _("Figures against the targets"),
                charts.targets_chart(
                    [str(r.info.label) for r in with_targets],
                    [float(r.now.value or 0) for r in with_targets],
                    [
                        (
                            float(r.now.target.minimum),
                            float(r.now.target.maximum or r.now.target.minimum),
                        )
                        if r.now.target
                        else None
                        for r in with_targets
                    ],
                    axis_label=_("Share of the target (its lower end is 100)"),
                    value_labels=[
                        dutch_number(float(r.now.value or 0), 1 if r.info.percent else 0)
                        + (" %" if r.info.percent else "")
                        for r in with_targets
                    ],
                ),
            )
        )
    collected = figures.collected
    programme = figures.programme
    if collected is not None:
        scope = Scope(school_id=figures.school.pk) if figures.school else WHOLE
        series = {}
        for key in ("teachers_coached", "klub_sessions", "coaching_visits"):
            first: dict[Any, date] = {}
            for event in collected.events[key]:
                if scope.covers(event) and event.on <= figures.as_of:
                    first[event.key] = min(event.on, first.get(event.key, event.on))
            label = next(str(r.info.label) for r in figures.rows if r.info.key == key)
            series[label] = list(first.values())
        dates = [d for values in series.values() for d in values]
        start = programme.starts_on or (min(dates) if dates else figures.as_of)
        end = min(programme.ends_on or figures.as_of, figures.as_of)
        if dates and end > start:
            found.append(
                _chart(
                    _("How the year went"),
                    charts.cumulative_chart(
                        series, [(m.due_on, m.title) for m in figures.milestones], start, end
                    ),
                )
            )
    if figures.waves:
        coached = next(r for r in figures.rows if r.info.key == "teachers_coached")
        found.append(
            _chart(
                _("Teachers coached per wave"),
                charts.bars_chart(
                    [str(w) for w in figures.waves], [p.value or 0 for p in coached.per_wave]
                ),
            )
        )
    return found


def phases_chart(programme: Programme) -> Chart | None:
    counts = phase_counts(programme)
    if not any(counts.values()):
        return None
    labels = [str(ImplementationPhase(key).label).capitalize() for key in counts]
    return _chart(
        _("Schools per implementation phase (EEF)"),
        charts.bars_chart(labels, list(counts.values())),
    )


def report_context(figures: Figures, surveys: SurveySection | None = None) -> dict[str, Any]:
    programme_wide = figures.school is None and figures.collected is not None
    profile = programme_profile(figures.collected) if programme_wide and figures.collected else []
    phases = phases_chart(figures.programme) if figures.school is None else None
    return {
        "profile": profile,
        "phases": phases,
        "phase_counts": [
            (str(ImplementationPhase(key).label), count)
            for key, count in (phase_counts(figures.programme) if phases else {}).items()
        ],
        "surveys": surveys,
        "figures": figures,
        "programme": figures.programme,
        "school": figures.school,
        "headlines": headlines(figures),
        "charts": report_charts(figures),
    }


# Laying the report out costs WeasyPrint about a second (each table cell and chart label is set
# by Pango several times), while the figures and the HTML take a tenth of that. The PDF is a pure
# function of its HTML, so it is kept under the HTML's digest: downloading the report again, by
# the same person or a colleague, costs only the figures as long as nothing changed, and any
# change in the data changes the HTML and so the key (never a stale report). A day at most.
KEPT_FOR = 24 * 60 * 60


def pdf_key(html: str) -> str:
    return "monitoring:report:" + hashlib.sha256(html.encode()).hexdigest()


def report_pdf(
    request: HttpRequest, figures: Figures, surveys: SurveySection | None = None
) -> bytes:
    # Imported here: WeasyPrint loads pango at import time, which only this view needs.
    from weasyprint import HTML

    context = report_context(figures, surveys)
    html = render_to_string("monitoring/report_pdf.html", context, request=request)
    key = pdf_key(html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = HTML(string=html).write_pdf()
        cache.set(key, pdf, KEPT_FOR)
    return pdf
