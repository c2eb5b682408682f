"""Small server-rendered SVG charts for the admin: no JavaScript, no CDN.

Each chart is an ``<svg role="img">`` with a title and a description saying what it
shows, for screen readers; the dashboard also lists the numbers in a table.
"""

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT = 640, 160
PADDING_BOTTOM, PADDING_TOP = 20, 10
BAR_SHARE = 0.7  # of each day's slot; the rest is the gap between bars

_RECT = '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'


def _number(value):
    return f"{value:.1f}"


def _bars(stacks):
    """``stacks``: ``[(label, [(css class, value), ...])]``, one stack of bars per label."""
    top = max((sum(value for _class, value in stack) for _label, stack in stacks), default=0)
    scale = (HEIGHT - PADDING_BOTTOM - PADDING_TOP) / top if top else 0
    slot = WIDTH / max(len(stacks), 1)
    rows = []
    for index, (label, stack) in enumerate(stacks):
        x = index * slot + slot * (1 - BAR_SHARE) / 2
        base = HEIGHT - PADDING_BOTTOM
        for css_class, value in stack:
            height = value * scale
            rows.append(
                (css_class, _number(x), _number(base - height), _number(slot * BAR_SHARE),
                 _number(height), label, value)
            )  # fmt: skip
            base -= height
    return format_html_join("", _RECT, rows)


def bar_chart(series, title, description):
    """One bar per ``(label, value)`` of ``series``."""
    stacks = [(label, [("hc-chart__bar", value)]) for label, value in series]
    return _svg(title, description, _bars(stacks), [label for label, _value in series])


def stacked_bar_chart(series, title, description):
    """Two stacked bars per ``(label, first, second)`` of ``series`` (e.g. helpful, not)."""
    stacks = [
        (label, [("hc-chart__first", first), ("hc-chart__second", second)])
        for label, first, second in series
    ]
    return _svg(title, description, _bars(stacks), [row[0] for row in series])


def _svg(title, description, shapes, labels):
    axis = HEIGHT - PADDING_BOTTOM
    return format_html(
        '<svg class="hc-chart" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        "<title>{}</title><desc>{}</desc>{}"
        '<line class="hc-chart__axis" x1="0" y1="{}" x2="{}" y2="{}"></line>'
        '<text x="0" y="{}">{}</text><text x="{}" y="{}" text-anchor="end">{}</text></svg>',
        WIDTH,
        HEIGHT,
        title,
        title,
        description,
        shapes,
        axis,
        WIDTH,
        axis,
        HEIGHT - 4,
        labels[0] if labels else "",
        WIDTH,
        HEIGHT - 4,
        labels[-1] if labels else "",
    )
