"""Charts drawn on the server as SVG: they need no JavaScript and print in WeasyPrint PDFs.

Every chart carries a title and a description for screen readers, and the page beside it always shows the
same figures as a table. Segments carry their counts as text where they are wide enough, so colour is
never the only cue.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape  # as django.utils.html.escape writes it, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from serviceplans.status import status_look


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int


def stacked_bar_svg(
    title: str, rows: Sequence[tuple[str, Sequence[Segment]]], *, width: int = 640
) -> SafeString:
    """One horizontal bar per row, split into status segments, each labelled with its count."""
    label_width, bar_height, gap, line_height = 220, 26, 10, 15
    bar_width = width - label_width - 10
    # Names are never cut: a long one wraps onto more lines and its row grows to hold them.
    names = [_lines(name) for name, _ in rows]
    row_heights = [max(bar_height, line_height * len(lines) + 2) for lines in names]
    height = sum(row_heights) + max(1, len(rows)) * gap + 10
    total_max = max((sum(s.count for s in segments) for _, segments in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    top = 5
    for (_name, segments), lines, row_height in zip(rows, names, row_heights, strict=True):
        first = top + (row_height - line_height * len(lines)) / 2 + 12
        words = (
            escape(lines[0])
            if len(lines) == 1
            else "".join(
                f'<tspan x="0" dy="{0 if n == 0 else line_height}">{escape(line)}</tspan>'
                for n, line in enumerate(lines)
            )
        )
        parts.append(f'<text x="0" y="{first:.1f}" font-size="14" fill="#0b0c0c">{words}</text>')
        y = top + (row_height - bar_height) / 2
        top += row_height + gap
        x = float(label_width)
        for segment in segments:
            if segment.count == 0:
                continue
            w = bar_width * segment.count / total_max
            look = status_look(segment.key)  # the tags' colours: serviceplans.status, the one place
            parts.append(
                f'<rect x="{x:.1f}" y="{y:g}" width="{w:.1f}" height="{bar_height}" fill="{look.chart_fill}" '
                f'stroke="#0b0c0c" stroke-width="1"><title>{escape(segment.label)}: {segment.count}</title></rect>'
            )
            if w >= 22:
                ink = look.chart_ink
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_height * 0.68:.1f}" font-size="13" font-weight="bold" '
                    f'text-anchor="middle" fill="{ink}">{segment.count}</text>'
                )
            x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def chart_legend(keys: Sequence[str]) -> SafeString:
    """The key to a stacked bar chart: each status's colour beside its word and symbol, as its tag shows it."""
    items = []
    for key in keys:
        look = status_look(key)
        items.append(
            '<li class="app-chart-legend__item">'
            '<svg class="app-chart-legend__swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
            f'focusable="false"><rect x="0.5" y="0.5" width="15" height="15" fill="{look.chart_fill}" '
            f'stroke="#0b0c0c"/></svg> {escape(look.mark)} {escape(look.word)}</li>'
        )
    return mark_safe(f'<ul class="app-chart-legend">{"".join(items)}</ul>')  # noqa: S308 - escaped above


@dataclass(frozen=True)
class TrendPoint:
    label: str
    actual: Decimal | None
    target: Decimal | None


def trend_chart_svg(
    title: str, points: Sequence[TrendPoint], *, width: int = 640, height: int = 260
) -> SafeString:
    """Actuals as a solid line with round markers, the target as a dashed line with square markers."""
    left, right, top, bottom = 70, 40, 20, 50
    numbers = [n for p in points for n in (p.actual, p.target) if n is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if not numbers or not points:
        parts.append(f'<text x="{left}" y="{height / 2}" font-size="14">No figures to chart yet</text></svg>')
        return mark_safe("".join(parts))  # noqa: S308
    low, high = min(numbers), max(numbers)
    # Leave room around the figures; start at zero only when the figures are near it anyway.
    margin = (high - low) * Decimal("0.15") or abs(high) * Decimal("0.1") or Decimal(1)
    low = Decimal(0) if Decimal(0) <= low <= margin * 2 else low - margin
    high = high + margin
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def y_of(number: Decimal) -> float:
        return top + plot_h - float((number - low) / (high - low)) * plot_h

    for fraction in (0, 0.5, 1):
        value = low + (high - low) * Decimal(str(fraction))
        y = y_of(value)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end">{_axis(value)}</text>'
        )
    for index, point in enumerate(points):
        x = left + index * step
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" font-size="11" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
    for key, dash, colour in (("target", "6 4", "#505a5f"), ("actual", "", "#1d70b8")):
        coords = [
            (left + i * step, y_of(getattr(p, key)))
            for i, p in enumerate(points)
            if getattr(p, key) is not None
        ]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            )
        for x, y in coords:
            if key == "actual":
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
            else:
                parts.append(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>')
    legend_y = height - 12
    parts.append(
        f'<circle cx="{left + 6}" cy="{legend_y - 4}" r="5" fill="#1d70b8"/>'
        f'<text x="{left + 16}" y="{legend_y}" font-size="12">Actual</text>'
        f'<rect x="{left + 86}" y="{legend_y - 8}" width="8" height="8" fill="#505a5f"/>'
        f'<text x="{left + 100}" y="{legend_y}" font-size="12">Target (dashed line)</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308


def _lines(text: str, limit: int = 28) -> list[str]:
    """A name broken between words into lines of at most ``limit`` characters (a longer word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _axis(value: Decimal) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
