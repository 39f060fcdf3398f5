"""Draw the tile-grid map: one equal square per state (and DC), shaded by its count with the count printed in it, a
legend of the shades and the as-of date. Shades come from viridis, whose lightness rises steadily, so they read in
greyscale print and with colour-vision deficiencies; zero is white."""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex
from matplotlib.patches import Patch, Rectangle

from . import style, tilegrid
from .spec import ChartSpec, format_number, language_of, wrap

TILE = 0.92  # of a grid cell; the rest is the gap between squares
ZERO = "#ffffff"


def shades(count: int) -> list[str]:
    """One colour per non-zero class, light to dark."""
    if count <= 0:
        return []
    if count == 1:
        return [to_hex(colormaps["viridis"](0.45))]
    return [to_hex(colormaps["viridis"](0.88 - 0.78 * i / (count - 1))) for i in range(count)]


def draw(spec: ChartSpec) -> bytes:
    """A count per state in shades of its bins (the jurisdictions map), or, with options["categorical"], a class per
    state in the colours the spec gives (the state laws map), the state's code alone in its square."""
    extra = spec.options["extra"]
    value = spec.options.get("value", "jurisdictions")
    shade = spec.options.get("shade", "shade")
    categorical = spec.options.get("categorical", False)
    if categorical:
        colours = {label: colour for label, colour in spec.options["colours"]}
    else:
        bins = spec.options["bins"]
        colours = dict(zip((label for _, _, label in bins), [ZERO] + shades(len(bins) - 1)))
    with style.context():
        fig = style.figure(spec)
        ax = fig.add_subplot()
        for r in spec.records():
            row, col = tilegrid.position(r["state"], extra)
            fill = colours[r[shade]]
            ax.add_patch(Rectangle((col - TILE / 2, -row - TILE / 2), TILE, TILE, facecolor=fill,
                                   edgecolor=style.MUTED if r[value] == 0 else style.INK, linewidth=0.8))
            ink = style.text_on(fill)
            if r[value] and (categorical or spec.narrow):  # a phone's tile holds one line: the state (counts: the table)
                ax.text(col, -row, r["state"], ha="center", va="center", fontsize=style.SMALLEST if spec.narrow else 10,
                        fontweight="bold", color=ink)
            elif r[value]:
                ax.text(col, -row + 0.16, r["state"], ha="center", va="center", fontsize=9, color=ink)
                ax.text(col, -row - 0.2, format_number(r[value], language_of(spec)), ha="center",
                        va="center", fontsize=11,
                        fontweight="bold", color=ink)
            else:
                ax.text(col, -row, r["state"], ha="center", va="center", fontsize=9, color=style.MUTED)
        rows = tilegrid.ROWS + (len(extra) + tilegrid.COLUMNS - 1) // tilegrid.COLUMNS
        ax.set_xlim(-0.6, tilegrid.COLUMNS - 0.4)
        ax.set_ylim(-rows + 0.4, 0.6)
        ax.set_aspect("equal")
        ax.set_axis_off()
        labels = list(colours) if categorical else [label for _, _, label in spec.options["bins"]]
        handles = [Patch(facecolor=colours[label], edgecolor=style.INK, linewidth=0.8, label=label)
                   for label in labels]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0),
                  ncols=style.legend_columns(spec, len(handles), 6),
                  frameon=False, fontsize=9, title_fontsize=9.5,
                  title=wrap(spec.words["legend"], style.per_line(spec, 9.5), 4) if spec.narrow else spec.words["legend"])
        style.title(fig, spec)
        style.footnote(fig, spec)
        return style.to_svg(fig, spec)
