"""Value labels next to plotted points that overlap neither each other nor the points: each label takes the first of
a fixed list of positions around its point that is free, so the result is deterministic. A label with no free place
is left off (every value is in the table and the CSV)."""

from __future__ import annotations

from matplotlib.axes import Axes

# (dx, dy) in points from the point, and the text's alignment there; tried in this order.
POSITIONS = ((0, 9, "center", "bottom"), (0, -9, "center", "top"), (9, 0, "left", "center"),
             (-9, 0, "right", "center"), (7, 7, "left", "bottom"), (-7, 7, "right", "bottom"),
             (7, -7, "left", "top"), (-7, -7, "right", "top"), (0, 22, "center", "bottom"),
             (0, -22, "center", "top"))
CHAR_WIDTH = 0.62  # of the font size: DejaVu Sans digits are 0.64 em, commas narrower
Box = tuple[float, float, float, float]


def _box(x: float, y: float, width: float, height: float, ha: str, va: str) -> Box:
    left = {"left": x, "center": x - width / 2, "right": x - width}[ha]
    bottom = {"bottom": y, "center": y - height / 2, "top": y - height}[va]
    return left, bottom, left + width, bottom + height


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _along(start, end, step: float) -> list[tuple[float, float]]:
    """Points every `step` display units along a segment, so a label can avoid the line as well as the markers."""
    (x0, y0), (x1, y1) = start, end
    count = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / step))
    return [(x0 + (x1 - x0) * i / count, y0 + (y1 - y0) * i / count) for i in range(count + 1)]


def place(ax: Axes, points: list[tuple[float, float]], texts: list[str], fontsize: float = 9,
          marker_radius: float = 5, line: list[tuple[float, float]] = ()) -> list[bool]:
    """Annotate each point with its text where there is room, away from the points and from `line` (the data
    points of a drawn line); returns which points got a label. Call after the axes' limits are final."""
    figure = ax.figure
    figure.draw_without_rendering()  # settles the layout, so data → display coordinates are final
    frame = ax.get_window_extent()
    scale = figure.dpi / 72  # display units per point
    centres = [ax.transData.transform(p) for p in points]
    taken: list[Box] = [(cx - marker_radius * scale, cy - marker_radius * scale,
                         cx + marker_radius * scale, cy + marker_radius * scale) for cx, cy in centres]
    drawn = [ax.transData.transform(p) for p in line]
    for start, end in zip(drawn, drawn[1:]):
        taken += [(x - scale, y - scale, x + scale, y + scale) for x, y in _along(start, end, 3 * scale)]
    placed = []
    for (x, y), (cx, cy), text in zip(points, centres, texts):
        width, height = (CHAR_WIDTH * fontsize * len(text) + 2) * scale, 1.25 * fontsize * scale
        for dx, dy, ha, va in POSITIONS:
            box = _box(cx + dx * scale, cy + dy * scale, width, height, ha, va)
            inside = frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1] and box[3] <= frame.y1
            if inside and not any(_overlaps(box, other) for other in taken):
                label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                    fontsize=fontsize, annotation_clip=False)
                label.set_in_layout(False)
                taken.append(box)
                placed.append(True)
                break
        else:
            placed.append(False)
    return placed
