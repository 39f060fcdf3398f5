"""What every chart shares: explicit matplotlib settings, a colour-blind-safe palette, and SVG output that is
byte-identical for the same input and carries the chart's <title> and <desc>.

No pyplot: each chart is a plain Figure, so nothing global is left behind, and settings apply only inside context().
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from xml.sax.saxutils import escape

import matplotlib
import matplotlib.colors
from matplotlib.figure import Figure

from ..xml_text import xml_text
from .spec import ChartSpec, footnote_words, language_of, wrap

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies. Charts
# never rely on colour alone: rows, bars and squares are labelled, and lightness also differs.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "vermillion": "#D55E00",
             "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000"}
SEQUENCE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")  # a second, print-safe cue for repeated colours
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
GRID = "#d0d0d0"

RC = {
    # Every string drawn comes from the records: a "$" is a dollar sign, never the start of matplotlib's math (which
    # would draw "$5$" as an italic 5 and fail on "$x^$").
    "text.parse_math": False,
    "text.usetex": False,
    # Laid out with DejaVu Sans, shipped with matplotlib (first in the list), so output does not depend on installed
    # fonts; the rest of the list is what readers without it see (the SVG keeps text as text, below).
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Bitstream Vera Sans", "Verdana", "Arial", "Helvetica"],
    "font.size": 10,
    "figure.titlesize": 13,  # the chart's title
    "figure.titleweight": "bold",
    "axes.titlesize": 10,  # a panel's or a subtitle's
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "text.color": INK,
    "hatch.color": "#ffffff",
    "hatch.linewidth": 1.0,
    "lines.linewidth": 2.0,
    "figure.facecolor": "#ffffff",
    "savefig.facecolor": "#ffffff",
    "figure.dpi": 72,  # 1 pt = 1 px, so font sizes match the page
    # Text as text: selectable, read by screen readers inside <object>, and about half the file (glyph outlines were
    # 40% of each chart). Readers without DejaVu Sans get Verdana, whose widths Bitstream Vera and DejaVu follow.
    "svg.fonttype": "none",
    "svg.hashsalt": "detainers-record",  # fixed ids inside the SVG, so output is byte-identical
    "svg.image_inline": True,
    "path.simplify": False,
}


def text_on(colour: str) -> str:
    """Black or white, whichever contrasts more with the background colour (WCAG relative luminance)."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in matplotlib.colors.to_rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


@contextmanager
def context():
    with matplotlib.rc_context(RC):
        yield


def figure(spec: ChartSpec) -> Figure:
    return Figure(figsize=spec.size, layout="constrained")


def title(fig: Figure, spec: ChartSpec) -> None:
    """The chart's title at the top left, wrapped to the figure's width."""
    per_line = int(spec.size[0] * 72 / (0.68 * RC["figure.titlesize"]))  # bold DejaVu Sans averages 0.68 em
    fig.suptitle(wrap(spec.title, per_line, 3), x=0.01, ha="left")


SMALLEST = 9  # px: no text is drawn smaller (see spec.NARROW_WIDTH for what a reader then sees)


def per_line(spec: ChartSpec, fontsize: float, share: float = 1.0) -> int:
    """About how many characters of DejaVu Sans at fontsize fit on a line `share` of the chart's width."""
    return max(8, int(share * spec.size[0] * 72 / (0.6 * fontsize)))


def legend_columns(spec: ChartSpec, count: int, most: int) -> int:
    """A legend's columns: up to `most` side by side on the wide chart, two on a phone's."""
    return max(1, min(count, 2 if spec.narrow else most))


def tick_label(spec: ChartSpec, text: str, share: float = 0.4) -> str:
    """A category's name beside its bar: on a phone's chart wrapped to `share` of the width (at most 3 lines)."""
    return wrap(text, per_line(spec, 10, share), 3) if spec.narrow else text


def footnote(fig: Figure, spec: ChartSpec) -> None:
    """The as-of date and the data file, on the picture itself, so a saved copy still says where it came from.
    Written as the figure's x label so that the layout keeps room for it; wrapped on a phone's chart."""
    language = language_of(spec)
    text = spec.words.get("footnote") or footnote_words(language)["footnote"]
    text = text % {"date": language.date(spec.as_of), "file": spec.csv_path}
    fig.supxlabel(wrap(text, per_line(spec, SMALLEST), 3), x=0.005, ha="left", fontsize=SMALLEST, color=MUTED)


def to_svg(fig: Figure, spec: ChartSpec) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": spec.title})
    # A control character in a record's text would make the SVG unreadable; no markup of the SVG contains one.
    return xml_text(accessible_svg(buffer.getvalue().decode("utf-8"), spec)).encode("utf-8")


def accessible_svg(svg: str, spec: ChartSpec) -> str:
    """Add <title> and <desc> as the first children of <svg> (and name them with aria-labelledby), and make links
    open in the page that embeds the chart rather than a new window."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    opening = svg[start:end] + ' role="img" aria-labelledby="chart-title chart-desc">'
    texts = (f'\n <title id="chart-title">{escape(spec.title)}</title>'
             f'\n <desc id="chart-desc">{escape(spec.description)}</desc>')
    svg = svg[:start] + opening + texts + svg[end + 1:]
    return svg.replace(' target="_blank"', ' target="_top"')
