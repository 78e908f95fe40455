"""The heat map: the council's matrix drawn as SVG on the server, with how many risks sit in each cell.

Likelihood runs up the side (most likely at the top), impact along the bottom (largest on the right), as on
councils' own registers. Each cell shows its count and the band's mark, so the map reads without colour; the
page and the papers also show every cell's words and count in a table (:func:`heat_map_table`).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from serviceplans.status import STATUS_LOOKS

from . import rules

# Fill and ink for each band: white on GOV.UK red and green, black on yellow (all at least 4.5:1).
BAND_FILL = {
    rules.RED: ("#d4351c", "#ffffff"),
    rules.AMBER: ("#ffdd00", "#0b0c0c"),
    rules.GREEN: ("#00703c", "#ffffff"),
}


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    likelihood_word: str
    impact_word: str
    score: int
    band: str
    band_word: str
    count: int
    url: str = ""

    @property
    def mark(self) -> str:
        return STATUS_LOOKS[f"risk_{self.band}"].mark

    @property
    def words(self) -> str:
        """“Likely (4) × Major (4) = 16, High”."""
        return (
            f"{self.likelihood_word} ({self.likelihood}) × {self.impact_word} ({self.impact}) = {self.score}, "
            f"{self.band_word}"
        )


def heat_map_cells(
    counts: Counter, matrix: rules.Matrix, url_for: Callable[[int, int], str] | None = None
) -> list[list[HeatCell]]:
    """The cells in rows, most likely first, each row from the smallest impact to the largest."""
    return [
        [
            HeatCell(
                likelihood=likelihood,
                impact=impact,
                likelihood_word=rules.level_word(likelihood, matrix, "likelihood"),
                impact_word=rules.level_word(impact, matrix, "impact"),
                score=likelihood * impact,
                band=(band := rules.band(likelihood * impact, matrix)),
                band_word=rules.band_word(band, matrix),
                count=counts.get((likelihood, impact), 0),
                url=url_for(likelihood, impact) if url_for else "",
            )
            for impact in matrix.levels
        ]
        for likelihood in reversed(matrix.levels)
    ]


def _wrapped(text: str, limit: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def heat_map_svg(title: str, rows: list[list[HeatCell]], *, links: bool = True) -> SafeString:
    """The matrix as SVG. With ``links`` each cell links to the register filtered to it (for the page; the
    papers have no links). Every piece of text is escaped."""
    size = len(rows)
    cell_w, cell_h, left, top, bottom = 88, 62, 132, 8, 64
    width, height = left + size * cell_w + 4, top + size * cell_h + bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart app-heat-map" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="heat-map-title"'
        + ("" if links else ' role="img"')
        + ">",
        f'<title id="heat-map-title">{escape(title)}</title>',
    ]
    for row_index, row in enumerate(rows):
        y = top + row_index * cell_h
        for line_index, line in enumerate(_wrapped(row[0].likelihood_word, 16)[:2]):
            parts.append(
                f'<text x="{left - 8}" y="{y + cell_h / 2 - 2 + line_index * 14:.0f}" font-size="12" '
                f'text-anchor="end" fill="#0b0c0c">{escape(line)}</text>'
            )
        parts.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2 + 26:.0f}" font-size="11" text-anchor="end" '
            f'fill="#505a5f">({row[0].likelihood})</text>'
        )
        for col_index, cell in enumerate(row):
            x = left + col_index * cell_w
            fill, ink = BAND_FILL[cell.band]
            label = f"{cell.count} risk{'' if cell.count == 1 else 's'} at {cell.words}"
            shape = (
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}" stroke="#ffffff" '
                f'stroke-width="2"/>'
                f'<text x="{x + cell_w / 2:.0f}" y="{y + 30}" font-size="22" font-weight="bold" '
                f'text-anchor="middle" fill="{ink}">{cell.count}</text>'
            )
            # The band's mark and the score sit outside the link, so the link's words start with its count.
            detail = (
                f'<text x="{x + cell_w / 2:.0f}" y="{y + 50}" font-size="11" text-anchor="middle" '
                f'fill="{ink}" pointer-events="none">{escape(cell.mark)} {cell.score}</text>'
            )
            if links and cell.url:
                parts.append(f'<a href="{escape(cell.url)}" aria-label="{escape(label)}">{shape}</a>{detail}')
            else:
                parts.append(f"<g><title>{escape(label)}</title>{shape}{detail}</g>")
    base = top + size * cell_h
    for col_index, cell in enumerate(rows[0] if rows else []):
        x = left + col_index * cell_w + cell_w / 2
        for line_index, line in enumerate(_wrapped(cell.impact_word, 12)[:2]):
            parts.append(
                f'<text x="{x:.0f}" y="{base + 16 + line_index * 13}" font-size="12" text-anchor="middle" '
                f'fill="#0b0c0c">{escape(line)}</text>'
            )
        parts.append(
            f'<text x="{x:.0f}" y="{base + 43}" font-size="11" text-anchor="middle" fill="#505a5f">'
            f"({cell.impact})</text>"
        )
    parts.append(
        f'<text x="{left + size * cell_w / 2:.0f}" y="{height - 4}" font-size="13" font-weight="bold" '
        f'text-anchor="middle" fill="#0b0c0c">Impact</text>'
        f'<text x="14" y="{top + size * cell_h / 2:.0f}" font-size="13" font-weight="bold" '
        f'text-anchor="middle" fill="#0b0c0c" transform="rotate(-90 14 {top + size * cell_h / 2:.0f})">'
        "Likelihood</text></svg>"
    )
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def heat_map_table(rows: list[list[HeatCell]]) -> list[HeatCell]:
    """Every cell, worst score first, for the table beside the map."""
    cells = [cell for row in rows for cell in row]
    return sorted(cells, key=lambda c: (-c.score, -c.likelihood, -c.impact))


def score_chart_svg(title: str, points: list[tuple[str, int]], matrix: rules.Matrix) -> SafeString:
    """The score at each review: a line over the matrix's whole range (1 to its highest score), with the
    lines where amber and red start named in the council's words, and each point labelled with its score."""
    width, height, left, right, top, bottom = 560, 220, 100, 10, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    high = matrix.max_score

    def y_of(value: float) -> float:
        return top + plot_h - (value / high) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for value, word in (
        (matrix.red_from, matrix.band_words.get(rules.RED)),
        (matrix.amber_from, matrix.band_words.get(rules.AMBER)),
    ):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#505a5f" stroke-dasharray="4 3"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#0b0c0c">'
            f"{escape(word or '')} from {value}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{y_of(0):.1f}" y2="{y_of(0):.1f}" stroke="#b1b4b6"/>'
    )
    inset = 40  # room for the first and last period's names
    step = (plot_w - 2 * inset) / max(1, len(points) - 1)
    coords = []
    for index, (label, value) in enumerate(points):
        x = left + inset + (index * step if len(points) > 1 else plot_w / 2 - inset)
        y = y_of(min(value, high))
        coords.append((x, y))
        parts.append(
            f'<text x="{x:.1f}" y="{height - 14}" font-size="11" text-anchor="middle">{escape(label)}</text>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="12" font-weight="bold" text-anchor="middle">{value}</text>'
        )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1d70b8" stroke-width="3"/>')
    for x, y in coords:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#1d70b8"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
