"""The report's charts, drawn on the server with matplotlib as SVG.

The same picture goes into the page and into the PDF, without a JavaScript chart library in
the browser. Numbers in Dutch style (1.234,5). Each chart comes with its figures as a table in
the page, for screen readers and for who wants the exact numbers.
"""

from __future__ import annotations

import base64
import io
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import wraps
from threading import Lock
from typing import Any

import matplotlib
from django.utils import dateformat, translation

matplotlib.use("Agg")  # no display on a server; set before pyplot is imported

from matplotlib import dates as mdates
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

BRAND = "#0b5a7a"
LIGHT = "#cfe3ea"
MUTED = "#6b7780"

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "svg.fonttype": "none",  # text stays text: searchable in the PDF, small files
        "svg.hashsalt": "videoklub",  # the same figure gives the same file
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def dutch_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


_FORMAT = FuncFormatter(lambda value, _pos: dutch_number(value))


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def data_uri(svg: str) -> str:
    """For an <img src>: the content security policy allows data: images, not inline SVG's
    <style>, and WeasyPrint reads it the same way."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# Drawing a figure costs matplotlib tens of milliseconds, and the dashboard and the report draw
# the same figures again for the same data: each chart is a pure function of its arguments (and
# the language of its month names), so the last ones drawn are kept (`_kept`).
_KEPT = 64


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def _kept(function: Callable[..., str]) -> Callable[..., str]:
    store: OrderedDict[Any, str] = OrderedDict()
    lock = Lock()  # web processes run threads

    @wraps(function)
    def draw(*args: Any, **kwargs: Any) -> str:
        key = (translation.get_language(), _frozen(args), _frozen(kwargs))
        with lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
        svg = function(*args, **kwargs)
        with lock:
            store[key] = svg
            if len(store) > _KEPT:
                store.popitem(last=False)
        return svg

    return draw


@_kept
def targets_chart(
    labels: Sequence[str],
    values: Sequence[float],
    ranges: Sequence[tuple[float, float] | None],
    *,
    axis_label: str,
    value_labels: Sequence[str] | None = None,
) -> str:
    """Horizontal bars: each indicator's figure as a share of the lower end of its target,
    with the target range drawn as a band (100 % = the lower end)."""
    height = 0.5 + 0.45 * len(labels)
    figure, axes = plt.subplots(figsize=(7.0, height))
    positions = list(range(len(labels)))[::-1]
    shares = []
    for value, target in zip(values, ranges, strict=True):
        shares.append(100 * value / target[0] if target and target[0] else 0)
    for position, target in zip(positions, ranges, strict=True):
        if target and target[0]:
            upper = 100 * target[1] / target[0]
            axes.barh(position, upper - 100, left=100, height=0.7, color=LIGHT, zorder=1)
    axes.barh(positions, shares, height=0.45, color=BRAND, zorder=2)
    texts = value_labels or [dutch_number(value) for value in values]
    for position, share, text in zip(positions, shares, texts, strict=True):
        axes.text(share + 2, position, text, va="center", fontsize=9, zorder=3)
    axes.axvline(100, color=MUTED, linewidth=1, linestyle="--", zorder=3)
    axes.set_yticks(positions, labels)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{dutch_number(v)} %"))
    axes.set_xlabel(axis_label)
    axes.set_xlim(0, max([120, *(s + 25 for s in shares)]))
    return _svg(figure)


@_kept
def cumulative_chart(
    series: dict[str, list[date]], milestones: Sequence[tuple[date, str]], start: date, end: date
) -> str:
    """Lines of how counts grew over the year (one line per label: the dates of each event),
    with the milestones marked."""
    figure, axes = plt.subplots(figsize=(7.0, 3.2))
    days = max(1, (end - start).days)
    step = max(1, days // 60)
    points = [start + timedelta(days=offset) for offset in range(0, days + 1, step)]
    if points[-1] != end:
        points.append(end)
    colours = [BRAND, "#c25e00", "#5a7d2a", "#7a3e9d"]
    for (label, dates), colour in zip(series.items(), colours, strict=False):
        ordered = sorted(dates)
        counts, index = [], 0
        for point in points:
            while index < len(ordered) and ordered[index] <= point:
                index += 1
            counts.append(index)
        axes.plot(mdates.date2num(points), counts, label=label, color=colour, linewidth=2)
    for due_on, title in milestones:
        if start <= due_on <= end:
            x = float(mdates.date2num(due_on))
            axes.axvline(x, color=MUTED, linewidth=1, linestyle=":")
            axes.text(x, axes.get_ylim()[1], f" {title}", fontsize=8, color=MUTED, va="top")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(_FORMAT)
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _p: _month(mdates.num2date(value).date()))
    )
    axes.xaxis.set_major_locator(mdates.MonthLocator())
    axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(series))
    return _svg(figure)


def _month(day: date) -> str:
    return dateformat.format(day, "M y")  # in the active language: "nov 26"


@_kept
def bars_chart(labels: Sequence[str], values: Sequence[float], *, unit: str = "") -> str:
    """Simple vertical bars (schools per implementation phase, a figure per wave)."""
    figure, axes = plt.subplots(figsize=(7.0, 2.8))
    axes.bar(range(len(labels)), values, color=BRAND, width=0.6)
    axes.set_xticks(range(len(labels)), labels)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(_FORMAT)
    for position, value in enumerate(values):
        axes.text(position, value, f"{dutch_number(value)}{unit}", ha="center", va="bottom")
    return _svg(figure)
