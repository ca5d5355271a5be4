# Role: render helper — draws the relationship diagram and the timeline as inline SVG.
"""Pictures drawn at build time from YAML, with no script and no third-party library.

Colours come from CSS classes (see docs/assets/stylesheets/explainer.css), so the same SVG is
legible in the light and the dark scheme. Each drawing carries a title and a description for
screen readers; the page also lists the same facts as text.
"""

from __future__ import annotations

from html import escape

from . import models

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _x(text: str) -> str:
    return escape(text, quote=True)


def relationship_svg(diagram: models.DiagramFile, narrow: bool = False) -> str:
    """Nested layers, outermost first; families as pills in their layer or across a border.

    `narrow` lays the same picture out for a phone: the innermost layer on top, families below.
    """
    width = 380.0 if narrow else 760.0
    frame_pad, label_band, pill_step = 14.0, 34.0, 52.0
    layers = diagram.layers
    parent = layers[-2].id if len(layers) > 1 else layers[-1].id
    inner = layers[-1]
    beside = [f for f in diagram.families if f.crosses is None and f.layer == parent]
    across = [f for f in diagram.families if f.crosses is not None]
    inside = [f for f in diagram.families if f.crosses is None and f.layer == inner.id]
    frames = max(len(layers) - 1, 0)
    inner_height = 60.0 + pill_step * max(len(inside), 1) + (30.0 if across else 0.0)
    if narrow:
        body = inner_height + 44.0 + pill_step * len(beside) + 20.0
    else:
        body = max(inner_height + 10.0, 20.0 + pill_step * len(beside)) + 12.0
    height = 4.0 + frames * (label_band + frame_pad) + body
    shapes: list[str] = []
    labels: list[str] = []
    x, y, w, h = 2.0, 2.0, width - 4.0, height - 4.0
    for depth, layer in enumerate(layers[:-1]):
        shapes.append(f'<rect class="layer layer-{depth}" x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="18"/>')
        labels.append(f'<text class="layer-label" x="{x + 14:g}" y="{y + 23:g}">{_x(layer.label)}</text>')
        x, y, w, h = x + frame_pad, y + label_band, w - 2 * frame_pad, h - label_band - frame_pad
    if narrow:
        ix, iy, iw, ih = x + 10, y + 6, w - 20, inner_height
        column_x, column_y, column_w = x + 24, iy + ih + (44.0 if across else 20.0), w - 48
    else:
        ix, iy, iw, ih = x + 12, y + 8, w * 0.5, inner_height
        column_x, column_y = ix + iw + 120, y + 20
        column_w = x + w - column_x - 16
    shapes.append(
        f'<rect class="layer layer-{len(layers) - 1}" x="{ix:g}" y="{iy:g}" width="{iw:g}" height="{ih:g}" rx="18"/>'
    )
    labels.append(f'<text class="layer-label" x="{ix + 14:g}" y="{iy + 23:g}">{_x(inner.label)}</text>')
    for number, family in enumerate(inside):
        shapes.append(_pill(ix + 16, iy + 40 + number * pill_step, iw - 32, family.label, "family family-inside"))
    for number, family in enumerate(beside):
        shapes.append(_pill(column_x, column_y + number * pill_step, column_w, family.label, "family"))
    for number, family in enumerate(across):
        pill_w = 190.0
        if narrow:  # straddles the bottom border of the innermost layer
            px, py = ix + iw / 2 - pill_w / 2 + number * 20, iy + ih - 20
        else:  # straddles its right border
            px, py = ix + iw - pill_w / 2, iy + ih - 50 - number * pill_step
        shapes.append(_pill(px, py, pill_w, family.label, "family family-crossing"))
    suffix = "-narrow" if narrow else ""
    description = "; ".join(
        [f"{layer.label} contains {layers[i + 1].label}" for i, layer in enumerate(layers[:-1])]
        + [f"{family.label}: {family.note}" for family in diagram.families]
    )
    return (
        f'<svg class="diagram relationship-diagram {"diagram-narrow" if narrow else "diagram-wide"}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-labelledby="relationship-title{suffix} relationship-desc{suffix}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="relationship-title{suffix}">{_x(diagram.title)}</title>'
        f'<desc id="relationship-desc{suffix}">{_x(description)}</desc>' + "".join(shapes) + "".join(labels) + "</svg>"
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
    row, legend, axis_x = 40, 30, 70
    # As wide as the longest line needs (17 px titles, 14 px dates; generous average glyph widths),
    # so that on a phone the picture shrinks as little as possible.
    longest = max(len(event.title) * 10 + 10 + len(display_date(event.date)) * 8 for event in ordered)
    width = max(320, axis_x + 22 + longest + 10)
    top = 20 + legend * len(LANE_LABELS) + 20
    height = top + row * len(ordered) + 20
    parts = [f'<line class="axis" x1="{axis_x}" y1="{top - 10}" x2="{axis_x}" y2="{height - 10}"/>']
    for number, (lane, label) in enumerate(LANE_LABELS.items()):
        ly = 24 + number * legend
        parts.append(_marker(lane, 20, ly))
        parts.append(f'<text class="legend" x="38" y="{ly + 5}">{_x(label)}</text>')
    previous_year = None
    for number, event in enumerate(ordered):
        cy = top + number * row + row / 2
        if event.date.year != previous_year:
            parts.append(
                f'<text class="year" x="{axis_x - 16}" y="{cy + 5:g}" text-anchor="end">{event.date.year}</text>'
            )
            previous_year = event.date.year
        parts.append(_marker(event.lane, axis_x, cy))
        parts.append(
            f'<text class="event" x="{axis_x + 22}" y="{cy + 5:g}">{_x(event.title)}'
            f'<tspan class="event-date" dx="10">{_x(display_date(event.date))}</tspan></text>'
        )
    return (
        f'<svg class="diagram timeline-diagram" width="{width}" height="{height:g}" '
        f'viewBox="0 0 {width} {height:g}" role="img" aria-labelledby="timeline-title" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="timeline-title">Milestones of generative AI and language models, '
        f"{ordered[0].date.year} to {ordered[-1].date.year}</title>" + "".join(parts) + "</svg>"
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
