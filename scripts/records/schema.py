"""One schema per collection. The field descriptions here are what maintainers read in the generated data-model page
and what their editors show from the exported JSON Schema, so write them for people, not for programmers."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import typing
import unicodedata
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import dates, limits
from .case_citations import citation_problem
from .markdown_text import markdown_problem
from .translations import with_translations

# The patterns are for the exported JSON Schema (where $ means the end of the text); in Python every pattern is
# applied with fullmatch, because there $ also matches before a final newline ("abc\n" would pass).
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a valid id (see SLUG_PATTERN)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_HINT = "use YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known"
# A record's page is <collection>/<id>/ next to the collection's listing, <collection>/index.html: a record called
# "index" would replace the listing. (Every other generated file lives outside the collection folders.)
RESERVED_IDS = frozenset({"index"})
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
_STATE = re.compile(r"[A-Z]{2}")
# A case's docket or opinion on CourtListener: /docket/<number>/ or /opinion/<number>/, then the case's name as a slug.
COURTLISTENER_PATTERN = r"^https://www\.courtlistener\.com/(docket|opinion)/[0-9]+/([a-z0-9_-]+/)?$"
_COURTLISTENER = re.compile(COURTLISTENER_PATTERN[1:-1])
_COURTLISTENER_SHAPE = ("https://www.courtlistener.com/docket/NUMBER/CASE-NAME/ or "
                        "https://www.courtlistener.com/opinion/NUMBER/CASE-NAME/")
# The exported JSON Schema's patterns of the two kinds of date (the data package tells them apart by these).
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FULL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _check_date_parts(value: str, year: str, month: str | None, day: str | None, hint: str) -> None:
    y = int(year)
    if month is not None and not 1 <= int(month) <= 12:
        raise PydanticCustomError("date", '"{value}" is not a date: there is no month {month}; use a real date, or '
                                          "{year} if the month is unknown",
                                  {"value": value, "month": int(month), "year": year})
    if day is not None and not 1 <= int(day) <= calendar.monthrange(y, int(month))[1]:
        raise PydanticCustomError("date", '"{value}" is not a date: {name} {year} has no day {day}; use a real date, '
                                          "or {year}-{month} if the day is unknown",
                                  {"value": value, "name": calendar.month_name[int(month)], "year": year,
                                   "month": month, "day": int(day)})


def _not_in_future(value: str, info: ValidationInfo) -> str:
    today = (info.context or {}).get("today") or dt.date.today()
    if dates.earliest(value) > today:
        raise PydanticCustomError("future", '"{value}" is in the future (today is {today}); check the year',
                                  {"value": value, "today": today.isoformat()})
    return value


def _partial_date(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("date", "{value} is not a date ({hint})", {"value": repr(value), "hint": _DATE_HINT})
    match = _PARTIAL_DATE.fullmatch(value.strip())
    if not match:
        raise PydanticCustomError("date", '"{value}" is not a date ({hint})', {"value": value, "hint": _DATE_HINT})
    _check_date_parts(value, *match.groups(), hint=_DATE_HINT)
    return value.strip()


def _full_date(value: Any) -> str:
    hint = "use YYYY-MM-DD"
    if not isinstance(value, str) or not _FULL_DATE.fullmatch(value.strip()):
        raise PydanticCustomError("date", '"{value}" is not a date ({hint})', {"value": value, "hint": hint})
    _check_date_parts(value, *_FULL_DATE.fullmatch(value.strip()).groups(), hint=hint)
    return value.strip()


def _invisible(char: str) -> bool:
    """Whitespace, controls and invisible formatting (zero-width, bidi): characters no reader can see."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn")


def _url(value: str) -> str:
    odd = next((c for c in value if _invisible(c)), None)
    if odd is not None:
        raise PydanticCustomError("url", '"{value}" is not a web address: it contains {char} (U+{code}), which no '
                                         "address may hold; copy the address again from the browser's address bar",
                                  {"value": value, "char": "a space" if odd == " " else "an invisible character",
                                   "code": f"{ord(odd):04X}"})
    if not _URL.fullmatch(value):
        raise PydanticCustomError("url", '"{value}" is not a web address: write the full address, starting with '
                                         "http:// or https://", {"value": value})
    if len(value) > limits.MAX_URL_CHARS:
        raise PydanticCustomError("url", "the web address is {length} characters long; at most {limit}: use the "
                                         "page's short or permanent address",
                                  {"length": f"{len(value):,}", "limit": f"{limits.MAX_URL_CHARS:,}"})
    return value


def _courtlistener(value: str) -> str:
    if not value.startswith("https://www.courtlistener.com/"):
        raise PydanticCustomError("courtlistener", '"{value}" is not a page of CourtListener: this field holds the '
                                                   "address of the case's docket or opinion there, {shape}; find the "
                                                   "case on https://www.courtlistener.com/ and copy that page's "
                                                   "address (a link to another site goes under links)",
                                  {"value": value, "shape": _COURTLISTENER_SHAPE})
    if not _COURTLISTENER.fullmatch(value):
        raise PydanticCustomError("courtlistener", '"{value}" is not the address of a docket or an opinion on '
                                                   "CourtListener: it must read {shape} (a search, a PDF or a "
                                                   "filing is not the case's record); open the case's docket or "
                                                   "opinion and copy its address",
                                  {"value": value, "shape": _COURTLISTENER_SHAPE})
    return value


def _refused_by(check, kind: str):
    """A validator that refuses a value for the problem `check` names in it (None: no problem)."""
    def validate(value: str) -> str:
        problem = check(value)
        if problem:
            raise PydanticCustomError(kind, "{problem}", {"problem": problem})
        return value
    return validate


_reporter_citation = _refused_by(citation_problem, "citation")


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value) or len(value) > limits.MAX_ID_CHARS:
        raise PydanticCustomError(
            "slug", '"{value}" is not a valid id: use lowercase letters, digits and single hyphens, '
                    'at most 80 characters, e.g. "galarza-v-szalczyk"', {"value": value})
    return value


def _unreserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise PydanticCustomError("reserved", '"{value}" cannot be an id: the site uses that name for the '
                                              "collection's own page; choose another id (and rename the file)",
                                  {"value": value})
    return value


def _not_blank(value: str) -> str:
    if value and all(_invisible(c) for c in value):
        raise PydanticCustomError("blank", "must not be blank (it holds only spaces or invisible characters)")
    return value


_safe_markdown = _refused_by(markdown_problem, "markdown")


def _state_code(value: str) -> str:
    if not _STATE.fullmatch(value):
        raise PydanticCustomError("state", '"{value}" is not a state code: write the two-letter postal code in '
                                           'capitals, e.g. "IL"', {"value": value})
    return value


def url_problem(value: object) -> str | None:
    """What is wrong with `value` as an address the site links to, by the records' rule (a full http(s) address, no
    invisible characters, at most MAX_URL_CHARS), or None: for addresses read from tables and provenance files."""
    if not isinstance(value, str):
        return f"{value!r} is not a web address: write the full address, starting with http:// or https://"
    try:
        _url(value)
    except PydanticCustomError as error:
        return str(error)
    return None


PartialDate = Annotated[str, BeforeValidator(_partial_date), AfterValidator(_not_in_future), WithJsonSchema({
    "anyOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN}, {"type": "integer"}],
    "description": "A date written as precisely as it is known: YYYY-MM-DD, YYYY-MM or YYYY."})]
FullDate = Annotated[str, BeforeValidator(_full_date), AfterValidator(_not_in_future), WithJsonSchema({
    "type": "string", "pattern": FULL_DATE_PATTERN, "description": "A full date, YYYY-MM-DD."})]
Url = Annotated[str, AfterValidator(_url), WithJsonSchema({
    "type": "string", "pattern": r"^https?://", "format": "uri"})]
CourtListenerUrl = Annotated[str, AfterValidator(_url), AfterValidator(_courtlistener), WithJsonSchema({
    "type": "string", "pattern": COURTLISTENER_PATTERN, "format": "uri"})]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN,
                                                              "maxLength": limits.MAX_ID_CHARS})]
RecordId = Annotated[str, AfterValidator(_slug), AfterValidator(_unreserved), WithJsonSchema({
    "type": "string", "pattern": SLUG_PATTERN, "maxLength": limits.MAX_ID_CHARS,
    "not": {"enum": sorted(RESERVED_IDS)}})]
Text = Annotated[str, Field(min_length=1, max_length=limits.MAX_TEXT_CHARS), AfterValidator(_not_blank)]
ReporterCitation = Annotated[Text, AfterValidator(_reporter_citation)]
StateCode = Annotated[str, AfterValidator(_state_code), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number", "{value} is not a number: write digits without commas or quotes, "
                                            "e.g. 834 or 3.5", {"value": repr(value)})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number", "{value} is not a number a source can report: write the figure in "
                                            "digits, e.g. 834 or 3.5", {"value": repr(value)})
    if value < 0:
        raise PydanticCustomError("number", "{value} is negative, and every unit here counts something (people, "
                                            "detainers, dollars, percent of a whole…): write the count itself; a "
                                            "fall is shown by two figures", {"value": repr(value)})
    if value > limits.MAX_NUMBER:
        raise PydanticCustomError("number", "the number is larger than {limit}, more than any count in this "
                                            "subject; check the digits", {"limit": f"{limits.MAX_NUMBER:,}"})
    return value


Number = Annotated[Any, BeforeValidator(_number), WithJsonSchema({"type": "number", "minimum": 0,
                                                                  "maximum": limits.MAX_NUMBER})]
Markdown = Annotated[str, Field(min_length=1, max_length=limits.MAX_MARKDOWN_CHARS,
                                json_schema_extra={"x-format": "markdown"}),
                     AfterValidator(_not_blank), AfterValidator(_safe_markdown)]


def ref(*collections: str, description: str, required: bool = False, many: bool = False) -> Any:
    """A field that names other records by id; the validator checks each id exists in one of `collections`."""
    extra = {"x-references": list(collections)}
    if many:
        return Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description=description,
                     json_schema_extra=extra)
    if required:
        return Field(description=description, json_schema_extra=extra)
    return Field(default=None, description=description, json_schema_extra=extra)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceRef(Strict):
    source: Slug = ref("sources", description="The id of a record in data/sources.", required=True)
    pinpoint: Text | None = Field(None, description="Where in the source: a page, section, paragraph or a short "
                                                       "quoted phrase that locates the fact.")


class Record(Strict):
    TRANSLATED: ClassVar[tuple[str, ...]] = ("unverified",)
    id: RecordId = Field(description="Permanent id: lowercase letters, digits and hyphens. It becomes the record's web "
                                 "address and must never change once published; it must equal the file name.")
    last_reviewed: FullDate = Field(description="The date someone last checked this record against its sources.")
    unverified: Text | None = Field(None, description="Say what could not be confirmed; the page shows a warning.")


class Cited(Record):
    sources: list[SourceRef] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS,
                                     description="The sources that support this record (at least one).")


class OptionallyCited(Record):
    sources: list[SourceRef] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS,
                                     description="The sources that support this record.")


SourceType = Literal["report", "press-release", "blog-post", "statement", "court-opinion", "court-filing",
                     "court-order", "letter", "memo", "executive-order", "federal-register", "form", "news",
                     "dataset", "web-page", "testimony", "statute", "government-website"]
EventType = Literal["policy", "memo", "executive-order", "court-decision", "report", "letter", "legislation",
                    "litigation", "statement", "form", "launch", "expansion", "agreement", "data-release",
                    "announcement", "guidance"]
DocumentType = Literal["memo", "letter", "form", "executive-order", "report", "guidance", "agreement", "statute",
                       "regulation"]
OrganizationType = Literal["nonprofit", "government-agency", "legislature", "court", "coalition", "law-enforcement",
                           "law-firm", "research", "media", "union", "executive-office"]
CaseStatus = Literal["pending", "decided", "settled", "dismissed", "appealed", "closed"]
Unit = Literal["people", "detainers", "agreements", "agencies", "jurisdictions", "percent", "dollars", "counties",
               "records", "days"]


class Source(Record):
    """A publication, document or web page that records cite."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("note",)  # a source's title stays in its own language
    title: Text = Field(description="The exact title of the page or document.")
    publisher: Text = Field(description="Who published it.")
    authors: list[Text] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description="Personal authors, if any.")
    date: PartialDate = Field(description="Publication date, as precisely as known.")
    type: SourceType = Field(description="What kind of source it is.")
    url: Url = Field(description="The canonical web address (http or https).")
    archive_url: Url | None = Field(None, description="A web-archive copy of the page, if one exists.")
    retrieved: FullDate | None = Field(None, description="When the content was last checked at the URL.")
    note: Markdown | None = Field(None, description="Anything a reader should know about this source.")
    language: Literal["en", "es"] = Field("en", description=(
        "The language the source is written in: its title and publisher are cited as published, in it."))


class Event(Cited):
    """One dated entry on the timeline."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("title", "summary")
    title: Text = Field(description="A short headline for the event.")
    date: PartialDate = Field(description="When it happened; the written precision (day, month, year) is shown.")
    type: EventType = Field(description="What kind of event it is.")
    programs: list[Slug] = ref("programs", description="Programs this event concerns.", many=True)
    actors: list[Slug] = ref("organizations", "people", description="Who acted.", many=True)
    summary: Markdown = Field(description="What happened, in your own words (Markdown).")
    cases: list[Slug] = ref("cases", description="Related court cases.", many=True)
    documents: list[Slug] = ref("documents", description="Related documents.", many=True)


def in_order(first: str | None, second: str | None, first_name: str, second_name: str) -> None:
    if first and second and dates.earliest(first) > dates.latest(second):
        raise PydanticCustomError("order", "{a} ({x}) is after {b} ({y}); swap them or fix the dates",
                                  {"a": first_name, "x": first, "b": second_name, "y": second})


class StartBeforeEnd(Strict):
    """A span with `start` and `end` fields (either may be a partial date): the start may not come after the end."""

    @model_validator(mode="after")
    def _start_before_end(self):
        in_order(self.start, self.end, "start", "end")
        return self


class InForce(Strict):
    """What a period with no end claims about the present: the latest date on which a cited source shows the program
    in force. A period with no end and no `in_force` says only that no source read dates an end."""
    as_of: FullDate = Field(description="The latest date on which a cited source shows the program in force.")
    sources: list[SourceRef] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS,
                                     description="The sources that show it in force on that date, with a pinpoint.")


class Period(StartBeforeEnd):
    TRANSLATED: ClassVar[tuple[str, ...]] = ("note",)
    start: PartialDate = Field(description="When the period began.")
    end: PartialDate | None = Field(None, description="When it ended; leave out if ongoing.")
    note: Markdown | None = Field(None, description="What marks the start and end.")


class ProgramPeriod(Period):
    """A period in which a program was active. One with no `end` says only that no source read dates an end; it
    says the program is in force only through `in_force`."""
    end: PartialDate | None = Field(None, description="When it ended; leave out if no source read dates an end.")
    in_force: InForce | None = Field(None, description=(
        "Only for a period with no end: the latest date a cited source shows the program in force. Without it the "
        "site says only that no end is recorded, not that the program is running."))

    @model_validator(mode="after")
    def _in_force_only_while_open(self):
        if self.in_force is not None and self.end is not None:
            raise PydanticCustomError("in_force", "in_force is only for a period with no end; remove in_force or end",
                                      {})
        if self.in_force is not None:
            in_order(self.start, self.in_force.as_of, "start", "in_force.as_of")
        return self


class Program(Cited):
    """A federal program or mechanism (Secure Communities, PEP, 287(g), detainers...)."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("name", "summary")
    name: Text = Field(description="The program's name.")
    short_name: Text | None = Field(None, description="A common abbreviation.")
    agency: Slug | None = ref("organizations", description="The agency that runs it.")
    periods: list[ProgramPeriod] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS, description="When it was active; a program can end and restart.")
    summary: Markdown = Field(description="An overview in your own words (Markdown).")


class Link(Strict):
    label: Text = Field(description="What the link leads to, e.g. 'Opinion (CourtListener)'.")
    url: Url = Field(description="The web address.")


class Case(Cited):
    """A court case."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("holding", "significance", "aftermath")
    title: Text = Field(description="Short caption, e.g. 'Galarza v. Szalczyk'.")
    caption: Text | None = Field(None, description="Full caption.")
    court: Text = Field(description="The court that decided it.")
    docket: Text = Field(description="Docket number, e.g. 'No. 12-3991'.")
    citation: ReporterCitation | None = Field(None, description=(
        "Reporter citation: volume, reporter and first page, e.g. '745 F.3d 634 (3d Cir. 2014)'; several citations of "
        "the case separated by commas. Checked against Free Law Project's reporters-db; the page shows it as courts "
        "write it."))
    courtlistener: CourtListenerUrl | None = Field(None, description=(
        "The case's docket or opinion on CourtListener: https://www.courtlistener.com/docket/NUMBER/CASE-NAME/ or "
        "https://www.courtlistener.com/opinion/NUMBER/CASE-NAME/. Only the address of the page found there; never "
        "a guessed one."))
    filed: PartialDate | None = Field(None, description="When the case was filed.")
    decided: PartialDate | None = Field(None, description="When the key decision was issued.")
    status: CaseStatus = Field(description="Where the case stands.")
    holding: Text = Field(description="The holding, in one sentence of your own words.")
    significance: Markdown = Field(description="Why it matters (Markdown).")
    aftermath: Markdown | None = Field(None, description="What happened after (Markdown).")
    counsel: list[Text] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description="Parties' counsel, where known.")
    links: list[Link] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description="Opinion and docket links.")
    programs: list[Slug] = ref("programs", description="Programs the case concerns.", many=True)

    @model_validator(mode="after")
    def _filed_before_decided(self):
        in_order(self.filed, self.decided, "filed", "decided")
        return self


class Statistic(Cited):
    """One figure, with exactly what it counts and the period it covers."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("title", "definition", "geography", "caveats")
    title: Text = Field(description="What the figure is, in a few words.")
    value: Number = Field(description="The number.")
    unit: Unit = Field(description="What the number counts.")
    definition: Text = Field(description="Exactly what is counted, in your own words.")
    period: Period = Field(description="The period the figure covers; for a count as of a date, start = end.")
    geography: Text = Field(description="Where the figure applies, e.g. 'United States'.")
    series: Slug | None = ref("series", description="The series this figure belongs to, for charts.")
    caveats: Markdown | None = Field(None, description="Denominators, companion figures, why sources differ.")


class Series(Cited):
    """A group of statistics that are plotted together."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("title", "description")
    title: Text = Field(description="The series' title, used on its chart.")
    unit: Unit = Field(description="What its figures count.")
    description: Markdown = Field(description="What the series counts (Markdown).")


class Document(Cited):
    """A letter, memo, form, executive order or similar primary document."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("summary",)
    title: Text = Field(description="The document's title.")
    type: DocumentType = Field(description="What kind of document it is.")
    date: PartialDate = Field(description="When it was issued or signed.")
    issued_by: list[Slug] = ref("organizations", "people", description="Who issued or signed it.", many=True)
    number: Text | None = Field(None, description="An identifier: form number, EO number, Federal Register cite.")
    summary: Markdown = Field(description="What it says, in your own words (Markdown).")
    url: Url | None = Field(None, description="Where its text can be read.")
    programs: list[Slug] = ref("programs", description="Programs it concerns.", many=True)


class Organization(OptionallyCited):
    """An agency, organization, court, coalition or firm."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("summary",)
    name: Text = Field(description="The organization's name.")
    type: OrganizationType = Field(description="What kind of organization it is.")
    parent: Slug | None = ref("organizations", description="The organization it belongs to.")
    url: Url | None = Field(None, description="Its website.")
    summary: Markdown | None = Field(None, description="Who they are (Markdown).")


class Role(StartBeforeEnd):
    title: Text = Field(description="The position held.")
    organization: Slug | None = ref("organizations", description="Where the position was held.")
    start: PartialDate | None = Field(None, description="When the role began.")
    end: PartialDate | None = Field(None, description="When it ended.")


class Person(OptionallyCited):
    """A person named in the records."""
    name: Text = Field(description="The person's name.")
    roles: list[Role] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description="Positions relevant to this subject.")


class Quote(Cited):
    """A short verbatim quotation, attributed and sourced."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("context", "role")
    SHOWN_BESIDE: ClassVar[tuple[str, ...]] = ("text",)  # verbatim: its translation is shown next to it
    text: Text = Field(max_length=600, description="The exact words, verbatim.")
    speaker: Slug = ref("people", "organizations", description="Who said or wrote it.", required=True)
    role: Text | None = Field(None, description="The speaker's role at the time.")
    organization: Slug | None = ref("organizations", description="The organization the speaker spoke for.")
    date: PartialDate = Field(description="When it was said or published.")
    context: Text = Field(description="When and why it was said, in your own words.")
    programs: list[Slug] = ref("programs", description="Programs it concerns.", many=True)


class Policy(Strict):
    TRANSLATED: ClassVar[tuple[str, ...]] = ("summary",)
    summary: Markdown = Field(description="The policy, in your own words.")
    as_of: PartialDate = Field(description="The date the policy is known to have been in force.")
    sources: list[SourceRef] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS,
                                     description="The sources that support it.")


class Jurisdiction(OptionallyCited):
    """A state, county, city or agency and its detainer policies."""
    name: Text = Field(description="The jurisdiction's name, e.g. 'Cook County, Illinois'.")
    kind: Literal["state", "county", "city", "agency"] = Field(description="What kind of jurisdiction.")
    state: StateCode = Field(description="Two-letter postal code.")
    county: Slug | None = ref("counties", description=(
        "For a city: the county it lies in (wholly or mostly), by the county page's id, its state's postal code and "
        "its five-digit Census FIPS code, e.g. 'il-17031' for Cook County, Illinois. The city's page links the county, "
        "the county's page lists the city, and the federal lists' entries for the city are shown on both. Leave it "
        "out for a city that spans several counties (New York City) or when it is not known."))
    policies: list[Policy] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description="Its detainer policies over time.")
    cases: list[Slug] = ref("cases", description="Court cases about its policies (shown on its page and its county's, "
                                                 "with the federal lists that named it).", many=True)

    @model_validator(mode="after")
    def _county_of_a_city(self):
        if self.county and self.kind != "city":
            raise PydanticCustomError("county", 'only a city is placed in a county: remove "county" (this record\'s '
                                                'kind is "{kind}")', {"kind": self.kind})
        if self.county and not self.county.startswith(self.state.lower() + "-"):
            raise PydanticCustomError("county", 'the county "{county}" is not in {state}: a county id starts with its '
                                                "state's postal code, e.g. '{example}'",
                                      {"county": self.county, "state": self.state,
                                       "example": self.state.lower() + "-12345"})
        return self


LawKind = Literal["requires-287g", "requires-detainers", "limits-detainers", "forbids-287g", "other"]
LawType = Literal["statute", "executive-order", "directive", "court-order", "regulation"]
LawStatus = Literal["in-force", "in-force-in-part", "enacted-not-yet-in-force", "enjoined", "repealed", "superseded",
                    "expired"]
ENDED_STATUSES = ("enjoined", "repealed", "superseded", "expired")
LawEnactment = Literal["signed", "over-veto", "without-signature", "other"]
# How a law became law that only a statute can (a governor's order or an attorney general's directive is issued).
STATUTE_ONLY_ENACTMENTS = ("over-veto", "without-signature")


class Law(Cited):
    """A state law, or an executive directive or court order with the force of one, about 287(g), detainers or
    cooperation with ICE."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("title", "summary")
    title: Text = Field(description="Its short title as the state or the press calls it, e.g. 'California Values "
                                    "Act (SB 54)'.")
    state: StateCode = Field(description="Two-letter postal code of the state, e.g. 'TX': the law is shown on that "
                                         "state's page and on the pages of its counties.")
    type: LawType = Field(description="What kind of instrument it is: a statute, a governor's executive order, an "
                                      "attorney general's directive, a court order with the force of law, or a "
                                      "regulation.")
    citation: Text = Field(description="The bill and its session law or chapter, and where it is codified; or the "
                                       "directive's number, e.g. 'SB 54 (2017), ch. 495, Stats. 2017; Gov. Code "
                                       "secs. 7284-7284.12'.")
    kinds: list[LawKind] = Field(min_length=1, max_length=5, description=(
        "What it does, in the kinds readers filter by: requires-287g (local agencies must seek or keep 287(g) "
        "agreements), requires-detainers (jails must honor ICE detainers), limits-detainers (jails may not hold "
        "people on detainers alone, or may only with a judicial warrant or for some crimes), forbids-287g (no "
        "287(g) agreements), other (another rule on cooperation with ICE)."))
    signed: PartialDate | None = Field(None, description=(
        "When it became law or was issued: the day the governor signed it, the day the legislature completed the "
        "override of the governor's veto, or the day it became law without the governor's signature (say which in "
        "enacted); for an order or directive, the day it was signed or issued."))
    enacted: LawEnactment | None = Field(None, description=(
        "How it became law, as its sources say: signed (by the governor, or by whoever issued the order or "
        "directive), over-veto (the legislature overrode the governor's veto; the date is when the override was "
        "completed), without-signature (the governor let it become law without signing it), other (another way, "
        "e.g. a ballot measure). Leave it out when the sources do not say: the pages then call the date "
        "'enacted' (or 'issued' for an order or directive), never 'signed'."))
    effective: PartialDate | None = Field(None, description="When it took effect (the first part to take effect).")
    ended: PartialDate | None = Field(None, description="When it was repealed, enjoined, superseded or expired; "
                                                        "required for those statuses.")
    superseded_by: Slug | None = ref("laws", description="The law that replaced or absorbed it, if any.")
    status: LawStatus = Field(description="Where it stands today.")
    summary: Markdown = Field(description="What it requires or forbids, of whom, and what happened to it, in your own "
                                          "words (Markdown).")
    programs: list[Slug] = ref("programs", description="Programs it concerns.", many=True)
    cases: list[Slug] = ref("cases", description="Court cases about it.", many=True)

    @model_validator(mode="after")
    def _dates_and_status(self):
        in_order(self.signed, self.ended, "signed", "ended")
        in_order(self.effective, self.ended, "effective", "ended")
        if self.status in ENDED_STATUSES and not self.ended:
            raise PydanticCustomError("ended", 'status is "{status}": write when that happened in "ended"',
                                      {"status": self.status})
        if len(set(self.kinds)) != len(self.kinds):
            raise PydanticCustomError("kinds", "a kind is listed twice in kinds; list each once")
        if self.enacted in STATUTE_ONLY_ENACTMENTS and self.type != "statute":
            raise PydanticCustomError("enacted", 'enacted is "{enacted}", which only a statute can be; this record\'s '
                                                 'type is "{type}": write "signed" or "other", or correct the type',
                                      {"enacted": self.enacted, "type": self.type})
        return self


class Term(OptionallyCited):
    """A term of the field, how the site writes it in English and in Spanish: the glossary every translation follows
    (scripts/records/glossary.py checks the translations against it)."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("definition", "note")
    english: list[Text] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS, description=(
        "The term's English forms (singular, plural, variants); the first is the headword."))
    spanish: list[Text] = Field(min_length=1, max_length=limits.MAX_LIST_ITEMS, description=(
        "The Spanish forms a translation may use for it; the first is the preferred one. Where the English text "
        "of a field has one of the English forms, its Spanish must have one of these."))
    avoid: list[Text] = Field(default_factory=list, max_length=limits.MAX_LIST_ITEMS, description=(
        "Spanish forms no translation may use, with the reason in the note."))
    definition: Markdown = Field(description="What the term means here, in your own words (Markdown).")
    note: Markdown | None = Field(None, description="How to use it: first mention, what to avoid and why.")

    def headword(self, language: str) -> str:
        """What the site calls the term on a page in `language`: its first Spanish form on a Spanish page."""
        return (self.spanish if language == "es" else self.english)[0]


# Every record model gains its translations (`es:`), typed from its TRANSLATED fields (scripts/records/translations.py).
(Source, Event, Program, Case, Statistic, Series, Document, Organization, Person, Quote, Jurisdiction, Law,
 Term) = (with_translations(model) for model in (Source, Event, Program, Case, Statistic, Series, Document, Organization,
                                                 Person, Quote, Jurisdiction, Law, Term))


@functools.cache
def json_schema_of(model: type[BaseModel]) -> dict:
    """A model's JSON Schema, computed once (pydantic builds it anew on every call). Do not modify the result."""
    return model.model_json_schema()


def iter_references(record: BaseModel, loc: tuple = ()):
    """Yield (loc, target collections, id) for every field that names another record."""
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        targets = extra.get("x-references")
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            item_loc = loc + ((name, index) if isinstance(value, list) else (name,))
            if targets and isinstance(item, str):
                yield item_loc, targets, item
            elif isinstance(item, BaseModel):
                yield from iter_references(item, item_loc)


_references: dict[int, tuple[BaseModel, tuple]] = {}  # id(record) -> (the record, its references)
MAX_REMEMBERED_REFERENCES = 100_000


def references(record: BaseModel) -> tuple[tuple[tuple, list[str], str], ...]:
    """iter_references(record) as a tuple, computed once per record object (a validated record is read-only). The
    cross-record checks and the backlinks read the references of every record on every validation, and `serve`
    validates again after each edit, getting the same objects back for the files that did not change."""
    found = _references.get(id(record))
    if found is None or found[0] is not record:
        if len(_references) >= MAX_REMEMBERED_REFERENCES:
            _references.clear()
        found = _references[id(record)] = (record, tuple(iter_references(record)))
    return found[1]


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The group of fields (a BaseModel) inside list[...], Optional[...] or Annotated[...], if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def reference_fields(model: type[BaseModel]) -> set[str]:
    """The names of the fields that name other records by id, in the model and in its groups of fields."""
    names: set[str] = set()
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if extra.get("x-references"):
            names.add(name)
        group = inner_model(field.annotation)
        if group is not None:
            names |= reference_fields(group)
    return names
