"""The site's languages: how each writes the interface (a message catalog), dates and numbers, and where its pages
live (English at the root, Spanish under es/). Record text is translated in the records themselves
(scripts/records/translations.py); this is everything else a page says.

Interface text is marked in the templates with `_("…")` (Jinja's i18n extension, new style: values are passed as
`_("%(count)s agencies", count=n)` and escaped) and in Python with `language.gettext`. The Spanish of each message is
in scripts/site/i18n/es/*.yaml, one file per part of the site: `English message: Spanish message`, or for a message
with a plural, `English singular: [Spanish singular, Spanish plural]`."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...records import dates
from .catalog import Catalog, load_catalog

CATALOGS = Path(__file__).parent

MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]
NBSP = "\u00a0"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: the pages' <html lang>, hreflang, Pagefind's index
    name: str  # in its own language, for the language switch
    prefix: str  # where its pages live under the site root: "" or "es/"
    catalog: Catalog = field(default_factory=Catalog, compare=False, repr=False)

    def gettext(self, message: str) -> str:
        return self.catalog.get(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.get_plural(singular, plural, count)

    def date(self, value: str) -> str:
        """A partial date in words, keeping its precision: 'November 20, 2014' / '20 de noviembre de 2014'."""
        if self.code == "en":
            return dates.display(value)
        parts = [int(p) for p in str(value).split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return f"{MONTHS_ES[parts[1] - 1]} de {parts[0]}"
        return f"{parts[2]} de {MONTHS_ES[parts[1] - 1]} de {parts[0]}"

    def period(self, start: str, end: str | None) -> str:
        if self.code == "en":
            return dates.display_period(start, end)
        if end is None:  # "desde el 25 de enero de 2017", "desde marzo de 2008"
            return f"desde {'el ' if dates.precision(start) == 'day' else ''}{self.date(start)}"
        if start == end:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"

    def program_period(self, period) -> str:
        """A program's period as the site states it. A period with no end is never called "present" or running on
        its own: it says no end is recorded, or the latest date a cited source shows the program in force
        (`in_force`): 'since January 25, 2017 (no end recorded)', 'since 2002 (in force as of May 18, 2026)'."""
        if period.end is not None:
            return self.period(period.start, period.end)
        since = (self.gettext("since %(date)s") % {"date": self.date(period.start)} if self.code == "en"
                 else self.period(period.start, None))
        if period.in_force is not None:
            return self.gettext("%(since)s (in force as of %(date)s)") % {
                "since": since, "date": self.date(period.in_force.as_of)}
        return self.gettext("%(since)s (no end recorded)") % {"since": since}

    def number(self, value, digits: int | None = None) -> str:
        """12,345 and 59.9 in English; 12 345 and 59,9 in Spanish (RAE: groups of three separated by a space, from
        five digits; a decimal comma), which neither Spain's nor Mexico's readers can misread."""
        if value is None:
            return "–"
        if digits is None and float(value) == int(value):
            text = f"{int(value):,}"
        else:
            text = f"{float(value):,.{digits if digits is not None else _decimals(value)}f}"
        if self.code == "en":
            return text
        whole, _, decimals = text.partition(".")
        if len(whole.replace(",", "").lstrip("-")) <= 4:
            whole = whole.replace(",", "")
        whole = whole.replace(",", NBSP)
        return whole + ("," + decimals if decimals else "")

    def percent(self, value: float, digits: int = 1) -> str:
        """A share (0.599) as a percentage: '59.9%' / '59,9 %'."""
        text = self.number(value * 100, digits)
        return text + ("%" if self.code == "en" else NBSP + "%")

    def collation_key(self, text: str) -> str:
        """The key that puts names in this language's alphabetical order, not in code-point order: letters without
        their accents and case ("Álava" with the a's), except that Spanish keeps ñ as its own letter after n."""
        decomposed = unicodedata.normalize("NFD", text.casefold())
        if self.code == "es":
            decomposed = decomposed.replace("n\u0303", "n\U0010ffff")
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    def path(self, site_path: str) -> str:
        """A page's address in this language: 'cases/x/' → 'es/cases/x/'."""
        return self.prefix + site_path


def _decimals(value) -> int:
    text = repr(float(value))
    return min(len(text.partition(".")[2]), 2) if "e" not in text else 2


ENGLISH = Language("en", "English", "")


@functools.cache
def spanish() -> Language:
    return Language("es", "Español", "es/", load_catalog(CATALOGS / "es"))


def languages() -> tuple[Language, ...]:
    """Every language the site is published in, English first."""
    return (ENGLISH, spanish())


def by_code(code: str) -> Language:
    return {language.code: language for language in languages()}[code]
