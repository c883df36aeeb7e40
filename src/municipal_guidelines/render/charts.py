"""Geometry of the site's charts, drawn as SVG at build time by ``overrides/hooks/_charts.html``:
a heatmap (rows × columns of counts) and bars of a municipality's counts against the median.

Every cell and bar carries its number as text, so nothing is told by colour alone, and each chart
sits next to a table with the same numbers for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHAR_WIDTH = 8.0  # px per character of the 14 px labels (an estimate that errs wide)
CELL_HEIGHT = 28
MIN_CELL_WIDTH = 44
LEVELS = 4  # shades 0 (none) .. 3 (the most)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    width: float
    height: float
    value: int
    level: int  # 0: nothing; 1..LEVELS-1 by share of the largest value
    title: str  # "<row> – <column>: <value>" for a pointer's tooltip


@dataclass(frozen=True)
class Heatmap:
    width: float
    height: float
    rows: tuple[Label, ...]
    columns: tuple[Label, ...]
    cells: tuple[Cell, ...]
    left: float  # width of the row labels


def level(value: int, largest: int) -> int:
    """0 for nothing, else 1..LEVELS-1 by the value's share of the largest (any value > 0 is ≥ 1)."""
    if value <= 0 or largest <= 0:
        return 0
    return max(1, min(LEVELS - 1, round(value / largest * (LEVELS - 1))))


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[int]],
) -> Heatmap:
    """``rows`` and ``columns`` are labels; ``values[r][c]`` the counts. (The cells link
    nowhere: the table beside the chart has the links; links inside an image are not announced.)"""
    left = max((len(text) for text in rows), default=0) * CHAR_WIDTH + 16
    width = max([MIN_CELL_WIDTH, *(len(text) * CHAR_WIDTH + 10 for text in columns)])
    top = CELL_HEIGHT
    largest = max((v for row in values for v in row), default=0)
    cells = tuple(
        Cell(
            x=left + c * width,
            y=top + r * CELL_HEIGHT,
            width=width,
            height=CELL_HEIGHT,
            value=value,
            level=level(value, largest),
            title=f"{rows[r]} – {columns[c]}: {value}",
        )
        for r, row in enumerate(values)
        for c, value in enumerate(row)
    )
    return Heatmap(
        width=left + len(columns) * width + 2,
        height=top + len(rows) * CELL_HEIGHT + 2,
        rows=tuple(Label(text, left - 8, top + r * CELL_HEIGHT + CELL_HEIGHT / 2) for r, text in enumerate(rows)),
        columns=tuple(Label(text, left + c * width + width / 2, CELL_HEIGHT / 2) for c, text in enumerate(columns)),
        cells=cells,
        left=left,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    width: float
    y: float
    is_median: bool


@dataclass(frozen=True)
class BarGroup:
    title: str
    y: float
    bars: tuple[Bar, Bar]


@dataclass(frozen=True)
class Bars:
    width: float
    height: float
    left: float
    groups: tuple[BarGroup, ...]


BAR_HEIGHT = 20
BAR_AREA = 320


def against_median(groups: Sequence[tuple[str, str, float, str, float, float]]) -> Bars:
    """Per group (title, own label, own value, median label, median value, scale maximum): two bars."""
    left = max([len(own) for _, own, _, _, _, _ in groups] + [len(med) for _, _, _, med, _, _ in groups] + [0]) * CHAR_WIDTH + 20
    out, y = [], 0.0
    for title, own, value, median_label, median, top in groups:
        scale = BAR_AREA / top if top else 0
        y += 22  # the group's title
        bars = (
            Bar(own, value, value * scale, y, False),
            Bar(median_label, median, median * scale, y + BAR_HEIGHT + 4, True),
        )
        out.append(BarGroup(title, y - 8, bars))
        y += 2 * (BAR_HEIGHT + 4) + 10
    return Bars(width=left + BAR_AREA + 60, height=y, left=left, groups=tuple(out))
