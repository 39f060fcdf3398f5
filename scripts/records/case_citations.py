"""A case's reporter citations (`citation: 745 F.3d 634 (3d Cir. 2014)`), read offline with Free Law Project's
eyecite, which knows every reporter in their reporters-db: what is wrong with one, and how courts write it.

The field may hold several citations of one case and their parentheticals ("2020 MT 69, 399 Mont. 254, 460 P.3d
867"; "416 F. Supp. 3d 995 (C.D. Cal. 2019), rev'd in part, 975 F.3d 788 (9th Cir. 2020)"). eyecite finds only
citations whose reporter it knows, so a volume-reporter-page group it did not find is a reporter it does not know.
eyecite takes most of a second to import (it compiles its reporters' patterns): it is imported on first use."""

from __future__ import annotations

import difflib
import functools
import re

EXAMPLE = "745 F.3d 634 (3d Cir. 2014)"
# A volume, a reporter of words starting with a capital ("F.", "Supp.", "N.Y.S.3d") or series ordinals ("3d", "4th"),
# and a first page: the shape of a reporter citation, whether or not the reporter exists.
_WORD = r"(?:[A-Z][\w.'&]*|\d+(?:d|th|st|nd|rd)\.?)"
_SHAPED = re.compile(rf"(?<![\w.])(\d{{1,5}}) ([A-Z][\w.'&]*(?: {_WORD})*) (\d{{1,6}})(?!\w)")


@functools.cache
def _eyecite():
    import eyecite
    from eyecite.models import FullCaseCitation
    return eyecite.get_citations, FullCaseCitation


@functools.cache
def _reporter_names() -> tuple[str, ...]:
    """Every reporter abbreviation reporters-db has (each edition's, e.g. "F.3d", "F. Supp. 3d")."""
    from reporters_db import REPORTERS
    return tuple(sorted({edition for entries in REPORTERS.values() for entry in entries
                         for edition in entry["editions"]}))


@functools.lru_cache(maxsize=4096)
def _citations(text: str) -> tuple:
    get_citations, _full = _eyecite()
    return tuple(get_citations(text))


def citation_problem(text: str) -> str | None:
    """What is wrong with `text` as a case's reporter citations, with what to do; None when every citation in it is
    a full case citation in a reporter that reporters-db knows."""
    _get, full_case = _eyecite()
    found = _citations(text)
    spans = [c.span() for c in found]
    for match in _SHAPED.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in spans):
            reporter = match.group(2)
            close = difflib.get_close_matches(reporter, _reporter_names(), n=3, cutoff=0.6)
            named = " or ".join(f'"{c}"' for c in close)
            hint = f" (did you mean {named}?)" if close else ""
            return (f'"{match.group(0)}": "{reporter}" is not a reporter that reporters-db knows{hint}; write the '
                    "reporter's abbreviation as the opinion's first page gives it (e.g. F.3d, F. Supp. 3d, U.S.), "
                    "or leave the citation out if the case was not published in a reporter")
    other = next((c for c in found if not isinstance(c, full_case)), None)
    if other is not None:
        return (f'"{other.matched_text()}" is not a full citation of a case; write each citation as volume, '
                f'reporter and first page, as courts do, e.g. "{EXAMPLE}"')
    if not found:
        return (f'"{text}" is not a reporter citation; write it as volume, reporter and first page, as courts do, '
                f'e.g. "{EXAMPLE}", or leave the field out if the case has none (its docket number goes in docket)')
    return None


def as_courts_write_it(text: str) -> str:
    """`text` with each citation in eyecite's normalised form, the reporter abbreviated as reporters-db has it
    ("745 F3d 634" becomes "745 F.3d 634", "349 F.Supp.3d 1276" "349 F. Supp. 3d 1276"); the rest as written."""
    _get, full_case = _eyecite()
    pieces, at = [], 0
    for citation in sorted((c for c in _citations(text) if isinstance(c, full_case)), key=lambda c: c.span()):
        start, end = citation.span()
        if start < at:
            continue
        pieces += [text[at:start], citation.corrected_citation()]
        at = end
    return "".join(pieces) + text[at:]
