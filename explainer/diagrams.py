# Role: render helper — draws the relationship diagram and the timeline as inline SVG.
"""Pictures drawn at build time from YAML, with no script and no third-party library.

Colours come from CSS classes (see docs/assets/stylesheets/explainer.css), so the same SVG is
legible in the light and the dark scheme. Each drawing carries a title and a description for
screen readers; the page also lists the same facts as text.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from . import models

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _x(text: str) -> str:
    return escape(text, quote=True)


def relationship_svg(diagram: models.DiagramFile) -> str:
    """Nested layers, outermost first; families as pills in their layer or across a border."""
    width, height = 760, 470
    frame_pad, label_band = 16, 34
    layers = diagram.layers
    boxes: dict[str, tuple[float, float, float, float]] = {}
    x, y, w, h = 2.0, 2.0, width - 4.0, height - 4.0
    shapes: list[str] = []
    labels: list[str] = []
    for depth, layer in enumerate(layers[:-1]):
        boxes[layer.id] = (x, y, w, h)
        shapes.append(
            f'<rect class="layer layer-{depth}" x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="18"/>'
        )
        labels.append(f'<text class="layer-label" x="{x + 16:g}" y="{y + 23:g}">{_x(layer.label)}</text>')
        x, y, w, h = x + frame_pad, y + label_band, w - 2 * frame_pad, h - label_band - frame_pad
    # The innermost layer takes the left part of its parent; the parent's families the right.
    parent = layers[-2].id if len(layers) > 1 else layers[-1].id
    inner = layers[-1]
    inner_box = (x + 12, y + 8, w * 0.5, h - 20)
    boxes[inner.id] = inner_box
    ix, iy, iw, ih = inner_box
    shapes.append(
        f'<rect class="layer layer-{len(layers) - 1}" x="{ix:g}" y="{iy:g}" width="{iw:g}" height="{ih:g}" rx="18"/>'
    )
    labels.append(f'<text class="layer-label" x="{ix + 16:g}" y="{iy + 23:g}">{_x(inner.label)}</text>')
    beside = [family for family in diagram.families if family.crosses is None and family.layer == parent]
    across = [family for family in diagram.families if family.crosses is not None]
    inside = [family for family in diagram.families if family.crosses is None and family.layer == inner.id]
    column_x = ix + iw + 64
    column_w = x + w - column_x - 12
    for number, family in enumerate(beside):
        fy = y + 20 + number * 52
        shapes.append(_pill(column_x, fy, column_w, family.label, "family"))
    for number, family in enumerate(across):
        bx, by, bw, bh = boxes.get(family.crosses or "", inner_box)
        fy = by + bh - 60 - number * 52
        pill_w = 190.0
        shapes.append(_pill(bx + bw - pill_w / 2, fy, pill_w, family.label, "family family-crossing"))
    for number, family in enumerate(inside):
        shapes.append(_pill(ix + 20, iy + 44 + number * 52, iw - 40, family.label, "family"))
    description = "; ".join(
        [f"{layer.label} contains {layers[i + 1].label}" for i, layer in enumerate(layers[:-1])]
        + [f"{family.label}: {family.note}" for family in diagram.families]
    )
    return (
        f'<svg class="diagram relationship-diagram" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="relationship-title relationship-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="relationship-title">{_x(diagram.title)}</title>'
        f'<desc id="relationship-desc">{_x(description)}</desc>'
        + "".join(shapes)
        + "".join(labels)
        + "</svg>"
    )


def _pill(x: float, y: float, width: float, label: str, css_class: str) -> str:
    return (
        f'<g class="{css_class}"><rect x="{x:g}" y="{y:g}" width="{width:g}" height="40" rx="20"/>'
        f'<text x="{x + width / 2:g}" y="{y + 25:g}" text-anchor="middle">{_x(label)}</text></g>'
    )


def display_date(date: str) -> str:
    """'2017-06' → 'Jun 2017'; '2017-06-12' → '12 Jun 2017'; '2017' → '2017'."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


LANE_LABELS = {"llm": "Language models", "other": "Other generative models", "both": "Both / multimodal"}


def timeline_svg(events: list[models.Event]) -> str:
    """A vertical timeline, one row per event in date order, a marker shape per lane."""
    ordered = sorted(events, key=lambda event: (event.date, event.id))
    row, top, width = 40, 70, 760
    height = top + row * len(ordered) + 20
    axis_x = 120
    parts = [f'<line class="axis" x1="{axis_x}" y1="{top - 20}" x2="{axis_x}" y2="{height - 10}"/>']
    for number, (lane, label) in enumerate(LANE_LABELS.items()):
        lx = 20 + number * 245
        parts.append(_marker(lane, lx + 8, 24))
        parts.append(f'<text class="legend" x="{lx + 22}" y="29">{_x(label)}</text>')
    previous_year = None
    for number, event in enumerate(ordered):
        cy = top + number * row + row / 2
        if event.date.year != previous_year:
            parts.append(f'<text class="year" x="{axis_x - 18}" y="{cy + 5:g}" text-anchor="end">{event.date.year}</text>')
            previous_year = event.date.year
        parts.append(_marker(event.lane, axis_x, cy))
        parts.append(
            f'<text class="event" x="{axis_x + 22}" y="{cy + 5:g}">{_x(event.title)}'
            f'<tspan class="event-date" dx="10">{_x(display_date(event.date))}</tspan></text>'
        )
    return (
        f'<svg class="diagram timeline-diagram" viewBox="0 0 {width} {height:g}" role="img" '
        f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="timeline-title">Milestones of generative AI and language models, '
        f'{ordered[0].date.year} to {ordered[-1].date.year}</title>' + "".join(parts) + "</svg>"
    )


def _marker(lane: str, cx: float, cy: float) -> str:
    if lane == "llm":
        return f'<circle class="marker marker-llm" cx="{cx:g}" cy="{cy:g}" r="8"/>'
    if lane == "other":
        return f'<rect class="marker marker-other" x="{cx - 7:g}" y="{cy - 7:g}" width="14" height="14"/>'
    return (
        f'<polygon class="marker marker-both" points="{cx:g},{cy - 10:g} {cx + 10:g},{cy:g} '
        f'{cx:g},{cy + 10:g} {cx - 10:g},{cy:g}"/>'
    )


def year_span(events: list[models.Event]) -> tuple[int, int]:
    years = [event.date.year for event in events]
    return min(years), max(years)


def today_year() -> int:  # pragma: no cover - convenience for templates
    return dt.date.today().year
