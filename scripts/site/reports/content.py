"""A briefing's content: the records its definition selects, in reading order, and the date it is "as of" (the latest
review of anything in it, never the clock). Pure selection; nothing here formats or renders."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...records import dates
from ..charts.spec import ChartSpec
from ..charts.specs import ERA_ID, era_spec
from ..i18n import ENGLISH, Language
from ...records.model import Dataset
from ...records.schema import Case, Event, Program, Series, Statistic
from .definition import ReportDefinition, ReportFile

FOLDER = "reports"


@dataclass(frozen=True)
class SeriesFigures:
    series: Series
    figures: tuple[Statistic, ...]  # oldest period first


@dataclass(frozen=True)
class Briefing:
    id: str
    definition: ReportDefinition
    template: str
    programs: tuple[Program, ...]
    statistics: tuple[Statistic, ...]
    series: tuple[SeriesFigures, ...]
    events: tuple[Event, ...]  # oldest first
    charts: tuple[ChartSpec, ...]
    cases: tuple[Case, ...]
    as_of: str  # YYYY-MM-DD: the latest last_reviewed of the records (and charts) in the briefing
    prefix: str = ""  # the language's folder: "" (English) or "es/"
    untranslated: tuple[str, ...] = ()  # the definition's own text fields shown in English in another language

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def url(self) -> str:
        """The briefing's page, site-relative (MkDocs directory URL)."""
        return f"{self.prefix}{FOLDER}/{self.id}/"

    @property
    def page_path(self) -> str:
        return f"{self.prefix}{FOLDER}/{self.id}.md"

    @property
    def pdf_path(self) -> str:
        return f"{self.prefix}{FOLDER}/{self.id}.pdf"


def _unique(records):
    return tuple({r.id: r for r in records}.values())


def select_events(definition: ReportDefinition, dataset: Dataset) -> tuple[Event, ...]:
    """The events that concern one of the programs, of the chosen types, overlapping the date range; plus `include`,
    minus `exclude`; oldest first (the timeline's order)."""
    wanted = definition.events
    programs = set(definition.programs)
    since = dates.earliest(wanted.since) if wanted.since else None
    until = dates.latest(wanted.until) if wanted.until else None

    def chosen(event: Event) -> bool:
        if event.id in wanted.include:
            return True
        return (bool(programs & set(event.programs))
                and (not wanted.types or event.type in wanted.types)
                and (since is None or dates.latest(event.date) >= since)
                and (until is None or dates.earliest(event.date) <= until))

    return tuple(e for e in dataset.sorted("events") if chosen(e) and e.id not in wanted.exclude)


def select_cases(definition: ReportDefinition, dataset: Dataset) -> tuple[Case, ...]:
    if definition.cases is not None:
        return _unique(dataset.get(i) for i in definition.cases)
    programs = set(definition.programs)
    return tuple(c for c in dataset.sorted("cases") if programs & set(c.programs))


def briefing_chart(chart: ChartSpec, report_id: str, dataset: Dataset, programs: tuple[Program, ...],
                   events: tuple[Event, ...], language: Language = ENGLISH) -> ChartSpec:
    """The chart as the briefing shows it. The programs-over-time chart is drawn for the briefing: its programs, and
    its own events as the numbered markers; the site's version marks every key event on the timeline and would
    bring all their sources into the briefing's references. Its words are in the briefing's language, and its files
    go where the site's chart's do (es/charts/ in Spanish)."""
    if chart.id != ERA_ID:
        return chart
    return replace(era_spec(dataset, list(programs), list(events), briefing=report_id, language=language),
                   folder=chart.folder, page=chart.page)


def build_briefing(report: ReportFile, dataset: Dataset, charts: dict[str, ChartSpec], language=None) -> Briefing:
    """The briefing in a language (scripts/site/i18n: Language; English by default), from that language's dataset
    and chart specs (a renderer's): its own text from the definition's translation where there is one."""
    code, prefix = (language.code, language.prefix) if language is not None else ("en", "")
    definition, untranslated = report.definition.in_language(code)
    programs = _unique(dataset.get(i) for i in definition.programs)
    statistics = _unique(dataset.get(i) for i in definition.statistics)
    series = tuple(SeriesFigures(dataset.get(i), tuple(dataset.referring(i, "statistics", via="series")))
                   for i in dict.fromkeys(definition.series))
    events = select_events(definition, dataset)
    cases = select_cases(definition, dataset)
    chosen_charts = tuple(briefing_chart(charts[i], report.id, dataset, programs, events, language or ENGLISH)
                          for i in dict.fromkeys(definition.charts))
    records = [*programs, *statistics, *events, *cases]
    for group in series:
        records += [group.series, *group.figures]
    cited = {ref.source for r in records for ref in r.sources}
    cited |= {source for chart in chosen_charts for source in chart.sources}
    reviewed = [r.last_reviewed for r in records] + [dataset.get(s).last_reviewed for s in cited]
    reviewed += [chart.as_of for chart in chosen_charts]
    return Briefing(id=report.id, definition=definition, template=report.template, programs=programs,
                    statistics=statistics, series=series, events=events, charts=chosen_charts, cases=cases,
                    as_of=max(reviewed), prefix=prefix, untranslated=untranslated)




def shown_record_ids(briefing: Briefing, dataset: Dataset) -> set[str]:
    """Every record whose text the briefing prints: its programs, figures, series, events and cases, and every source
    in its reference list (those the intro's records and the charts cite included)."""
    records = [*briefing.programs, *briefing.statistics, *briefing.events, *briefing.cases]
    for group in briefing.series:
        records += [group.series, *group.figures]
    intro = [dataset.get(i) for i in briefing.definition.intro_records]
    cited = {ref.source for r in [*records, *intro] for ref in getattr(r, "sources", ())}
    cited |= {source for chart in briefing.charts for source in chart.sources}
    return {r.id for r in records} | cited
