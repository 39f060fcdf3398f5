"""The schemas of the place records: agencies, counties and states. Nobody writes these records; they are derived
from the 287(g) tables and the Census FIPS files (scripts/records/places.py), and validated with these models so a
table edited into nonsense fails with its file, row and column. The descriptions are for readers of the data-model
page and of the downloads' JSON Schema."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from .schema import FullDate, Record, Slug, StateCode, Strict, Text, ref
from .translations import with_translations

def many_refs(*collections: str, description: str):
    """A list of record ids with no length limit: a state has hundreds of counties (Texas 254), derived, not typed."""
    return Field(default_factory=list, description=description, json_schema_extra={"x-references": list(collections)})


Model = Literal["Jail Enforcement Model", "Task Force Model", "Warrant Service Officer"]


class RowSource(Strict):
    """Where one fact was read: a committed table and its row."""
    file: Text = Field(description="The table in the repository, e.g. data/datasets/ice-287g/lists/2026-05-18.csv.")
    line: int = Field(ge=2, description="The line of that table (line 1 is its header).")
    spreadsheet_row: int | None = Field(None, ge=1, description="The row of ICE's own spreadsheet the line was read "
                                                                 "from, when the table is one of ICE's lists.")


class ListSource(Strict):
    """The ICE spreadsheet a list's table was read from (its provenance record)."""
    provenance: Text = Field(description="The list's provenance file in the repository.")
    file_name: Text = Field(description="The spreadsheet's file name as published.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="The SHA-256 of that file.")
    source_url: str = Field(description="Where the file was downloaded from.")


class Agreement(Strict):
    """One 287(g) agreement as a list shows it: one model of one agency."""
    model: Model = Field(description="The 287(g) model of the agreement.")
    signed: FullDate | None = Field(None, description="The date the agreement was signed, as the list gives it; "
                                                       "empty when the list gives none or no usable date.")
    signed_as_published: str = Field("", description="ICE's text for the signed date when it is not a usable date.")
    agreement_url: str = Field("", description="The address of the agreement that ICE's list links to, as published "
                                               "(shown as a link only when it is an http or https address).")
    list_date: FullDate = Field(description="The list the agreement is read from.")
    row: RowSource = Field(description="The line of the list's table.")


class ModelSpan(Strict):
    """The lists on which an agency appeared with one model."""
    model: Model = Field(description="The 287(g) model.")
    first_list: FullDate = Field(description="The first list that shows the agency with this model.")
    last_list: FullDate = Field(description="The last list that shows the agency with this model.")
    lists: int = Field(ge=1, description="How many lists show the agency with this model.")


class Agency(Record):
    """A law-enforcement agency that was on one of ICE's 287(g) lists since January 2021."""
    name: Text = Field(description="The agency's name as the latest list it was on spells it.")
    state: StateCode = Field(description="Two-letter postal code of its state or territory.")
    state_record: Slug = ref("states", description="Its state's record.", required=True)
    county: Slug | None = ref("counties", description="Its county's record; empty when the county is not known "
                                                       "or it is a state agency.")
    county_source: Literal["county column", "agency name", "state agency", ""] = Field(
        description="How the county was found: ICE's county column, the county its name names, a state agency "
                    "(no county), or empty when not known.")
    agency_type: str = Field(description="The agency type ICE gives (County, Municipality, State Agency…), empty "
                                         "when none is given.")
    first_list: FullDate = Field(description="The first list it appeared on.")
    last_list: FullDate = Field(description="The last list it appeared on.")
    lists: int = Field(ge=1, description="How many lists it appeared on.")
    on_latest_list: bool = Field(description="Whether it is on the latest list.")
    names_as_published: list[Text] = Field(min_length=1, description="Every spelling of its name on the lists.")
    agreements: list[Agreement] = Field(min_length=1, description="Its agreements on the last list it was on.")
    models: list[ModelSpan] = Field(min_length=1, description="Each model it had, and on which lists.")
    list_source: ListSource = Field(description="The spreadsheet of the last list it was on.")
    row: RowSource = Field(description="Its line in agencies.csv.")


class DetainerFacility(Strict):
    """Detainer figures for one facility that NPR's FOIA tables name and that was matched to a county."""
    facility: Text = Field(description="The facility as ICE's records name it.")
    city: str = Field(description="The facility's city as the records give it.")
    declined: int | None = Field(None, ge=0, description="Detainers the local agency declined, Oct. 2007 to Jul. 2015.")
    other_outcomes: int | None = Field(None, ge=0, description="Detainers with any other outcome, same period.")
    us_citizens: int | None = Field(None, ge=0, description="Detainers lifted because the person was a U.S. citizen.")
    years: str = Field(description="The fiscal years the declined figures cover, e.g. 2007–2015.")
    rows: list[RowSource] = Field(min_length=1, description="The lines of the views the figures are summed from.")


class County(Record):
    """A U.S. county or county equivalent (Census FIPS), whatever 287(g) says about it."""
    # its Census name is a proper name, kept in every language; its state's name is not ("Nuevo Hampshire")
    TRANSLATED: ClassVar[tuple[str, ...]] = ("state_name",)
    name: Text = Field(description="The Census name, e.g. 'Autauga County': the first the Census file gives for "
                                   "the code.")
    other_names: list[Text] = Field(default_factory=list, description="The file's other names for the same code "
                                                                       "(an older or a borough name).")
    fips: str = Field(pattern=r"^\d{5}$", description="Its five-digit Census FIPS code.")
    state: StateCode = Field(description="Two-letter postal code of its state.")
    state_name: Text = Field(description="Its state's name (in Spanish from data/datasets/reference/"
                                         "state_names_es.csv).")
    state_record: Slug = ref("states", description="Its state's record.", required=True)
    agencies: list[Slug] = many_refs("agencies", description="The agencies in it that were on any list.")
    detainers: list[DetainerFacility] = Field(default_factory=list, description="NPR's detainer figures for "
                                                                                "facilities matched to it.")
    row: RowSource = Field(description="Its line in the Census county file.")

    @property
    def full_name(self) -> str:
        """What the site calls it: many states have a Washington County."""
        return f"{self.name}, {self.state_name}"


class ListCount(Strict):
    """The agreements of a state on one list, by model."""
    list_date: FullDate = Field(description="The list.")
    jail_enforcement: int = Field(ge=0, description="Jail Enforcement Model agreements.")
    task_force: int = Field(ge=0, description="Task Force Model agreements.")
    warrant_service: int = Field(ge=0, description="Warrant Service Officer agreements.")


class State(Record):
    """A state, the District of Columbia or a territory, and its agencies on ICE's 287(g) lists."""
    TRANSLATED: ClassVar[tuple[str, ...]] = ("name",)
    name: Text = Field(description="Its Census name (in Spanish from data/datasets/reference/state_names_es.csv).")
    postal: StateCode = Field(description="Two-letter postal code.")
    fips: str = Field(pattern=r"^\d{2}$", description="Its two-digit Census FIPS code.")
    counties: list[Slug] = many_refs("counties", description="Its counties or county equivalents.")
    agencies: list[Slug] = many_refs("agencies", description="Its agencies that were on any list.")
    over_time: list[ListCount] = Field(default_factory=list, description="Its agreements on every list, by model.")
    row: RowSource = Field(description="Its line in the Census state file.")


# A county's state and a state are named in each language (their `es:` is derived, not written: places.py).
County, State = (with_translations(model) for model in (County, State))
