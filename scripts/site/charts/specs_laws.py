"""The national map of state postures: one tile per state, coloured by what its laws in force require or forbid of
cooperation with ICE (scripts/site/laws_view.py decides the posture), drawn by tilemap.py as a categorical map."""

from __future__ import annotations

from ...records.model import Dataset
from ..i18n import ENGLISH, Language
from ..laws_view import POSTURE_LABELS, LawIndex
from . import tilegrid
from .spec import ChartSpec, Column, footnote_words

POSTURE_MAP_ID = "state-laws-by-state"
# Okabe and Ito's colour-blind-safe set, chosen so the classes also differ in lightness; "none" is white.
POSTURE_COLOURS = {"requires": "#d55e00", "limits": "#0072b2", "mixed": "#cc79a7", "other": "#f0e442",
                   "none": "#ffffff"}
WIDTH = 7.5


def posture_map_spec(dataset: Dataset, language: Language = ENGLISH) -> ChartSpec:
    _ = language.gettext
    laws = LawIndex(dataset)
    extra = sorted(set(laws.states()) - set(tilegrid.NAMES))
    label = {posture: _(text) for posture, text in POSTURE_LABELS.items()}
    rows = []
    for code in tilegrid.codes(set(extra)):
        in_force = laws.in_force(code)
        posture = laws.posture(code)
        rows.append((code, tilegrid.name(code, dataset), posture, label[posture], len(in_force),
                     " ".join(law.id for law in in_force)))
    everything = dataset.sorted("laws")
    as_of = max(law.last_reviewed for law in everything)
    by_posture = {p: [r[1] for r in rows if r[2] == p] for p in POSTURE_LABELS if p != "none"}
    listed = "; ".join(f"{label[p]}: {', '.join(names)}" for p, names in by_posture.items() if names)
    summary = (_("A tile map of the 50 states and DC, one equal square each, coloured by what the state laws in "
                 "force recorded on this site require or forbid of cooperation with ICE, as of %(date)s. ")
               % {"date": language.date(as_of)} + listed + ". " + _("Every other state: no state law recorded."))
    caption = _("A state's colour comes from the kinds of its laws in force: requiring 287(g) agreements or detainer "
                "holds, limiting detainer holds or forbidding 287(g), both, or other rules on cooperation. White "
                "means no such law is recorded on this site, not that the state has none. Each state's page lists "
                "its laws and their history.")
    columns = (Column("state", _("State")), Column("state_name", _("Name")), Column("posture", _("Posture"), in_table=False),
               Column("posture_label", _("Legend class")),
               Column("laws_in_force", _("Laws in force"), "number"), Column("laws", _("Which"), "records"))
    words = dict(footnote_words(language), legend=_("State law on cooperation with ICE, as of %(date)s")
                 % {"date": language.date(as_of)})
    sources = tuple(dict.fromkeys(ref.source for law in everything for ref in law.sources))
    return ChartSpec(
        id=POSTURE_MAP_ID, kind="tilemap", title=_("State laws on cooperation with ICE, by state"),
        language=language.code, words=words, summary=summary, details="", caption=caption, columns=columns,
        rows=tuple(rows), sources=sources, as_of=as_of,
        size=(WIDTH, 6.2 + 0.75 * ((len(extra) + tilegrid.COLUMNS - 1) // tilegrid.COLUMNS)),
        options={"extra": extra, "value": "laws_in_force", "shade": "posture_label", "categorical": True,
                 "colours": [[label[p], POSTURE_COLOURS[p]] for p in POSTURE_LABELS]})
