"""The briefing files in reports/: one YAML file per briefing (its name is the briefing's id and web address), checked
against a pydantic schema and against the data, every problem reported at once as `file:line:col: report <id>: field:
what to do`, in the same words as the record validator."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from jinja2 import TemplateSyntaxError
from pydantic import Field, ValidationError, model_validator

from ...records import glossary
from ...records.loader import load_file
from ...records.model import Dataset
from ...records.problems import DataError, Problem, shown_path
from ...records.registry import REGISTRY
from ...records.schema import in_order, SLUG_PATTERN, EventType, Markdown, PartialDate, Slug, Strict, Text, iter_references, ref
from ...records.symlinks import symlink_problem
from ...records.validate import field_label, suggest, reference_problem, schema_problems
from . import glyphs
from .sandbox import MAX_TEMPLATE_NESTING, BriefingEnvironment, own_template_problem, too_deep_line

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_TEMPLATE = "report.html.j2"
TEMPLATE_SUFFIX = ".html.j2"
IGNORED_NAMES = {"README.md", ".gitkeep"}
RESERVED_IDS = {"index"}  # reports/index.md is the list of briefings
HELP = "see reports/README.md"


class EventSelection(Strict):
    """Which timeline events the briefing shows. It starts from the events that concern one of its programs."""
    types: list[EventType] = Field(default_factory=list, description="Only events of these types (every type if "
                                                                     "left out).")
    since: Optional[PartialDate] = Field(None, description="Only events from this date on. An event known only to the "
                                                           "month or year is kept if that month or year reaches it.")
    until: Optional[PartialDate] = Field(None, description="Only events up to this date (same rule for partial dates).")
    include: list[Slug] = ref("events", description="Events to show whatever their program, type or date.",
                              many=True)
    exclude: list[Slug] = ref("events", description="Events to leave out.", many=True)
    summaries: Literal["full", "first-paragraph", "none"] = Field(
        "full", description="How much of each event's summary to print: all of it, its first paragraph, or none "
                            "(title, date and sources only).")

    @model_validator(mode="after")
    def _since_before_until(self):
        in_order(self.since, self.until, "since", "until")
        return self


TRANSLATED = ("title", "subtitle", "intro")  # the briefing's own text, translated in its `es:` block


class ReportTranslation(Strict):
    """The briefing's own text in another language (`es:`): the same fields as the English, each optional; a field
    left out is shown in English, with a note saying so."""
    title: Optional[Text] = Field(None, description="The title, translated.")
    subtitle: Optional[Text] = Field(None, description="The subtitle, translated (only when the English has one).")
    intro: Optional[Markdown] = Field(None, description="The opening paragraphs, translated (Markdown: the same "
                                                        "paragraphs, lists and links as the English).")


class ReportDefinition(Strict):
    """One briefing: what it is called, what it says in its own words, and which records it shows."""
    title: Text = Field(description="The briefing's title, on its first page and as the running title.")
    subtitle: Optional[Text] = Field(None, description="A line under the title.")
    intro: Markdown = Field(description="The opening paragraphs, in your own words (Markdown).")
    intro_records: list[Slug] = Field(
        min_length=1, description="The records the opening paragraphs summarise (any collection): their sources are "
                                  "cited under the intro, so its every claim traces to a source.",
        json_schema_extra={"x-references": [c.name for c in REGISTRY if c.briefing_intro]})
    programs: list[Slug] = Field(min_length=1, description="The programs the briefing is about (at least one): their "
                                                           "periods are listed and their events form the timeline.",
                                 json_schema_extra={"x-references": ["programs"]})
    statistics: list[Slug] = ref("statistics", description="Key figures, in the order given.", many=True)
    series: list[Slug] = ref("series", description="Data series whose every figure is listed, one table each.",
                             many=True)
    charts: list[Slug] = Field(default_factory=list, description="Charts to include, by id as on the charts page "
                                                                 "(e.g. programs-over-time, series-287g-agreements). "
                                                                 "programs-over-time is drawn for the briefing: its "
                                                                 "programs, with its own events numbered.")
    cases: Optional[list[Slug]] = ref("cases", description="Court cases to summarise, in the order given. Left out: "
                                                           "every case that concerns one of the programs.")
    events: EventSelection = Field(default_factory=EventSelection, description="Which timeline events to show.")
    template: Optional[str] = Field(None, description="A Jinja2 template for this briefing (a .html.j2 file in "
                                                      "reports/, usually extending report.html.j2); default: "
                                                      "report.html.j2.")
    paper: Literal["letter", "a4"] = Field("letter", description="The PDF's paper size.")
    order: int = Field(0, description="Where it is listed among the briefings (lower first; then by title).")
    es: Optional[ReportTranslation] = Field(None, description="The briefing's own text in Spanish (title, subtitle, "
                                                              "intro), for the Spanish edition (es/reports/<id>/).")

    def in_language(self, code: str) -> tuple[ReportDefinition, tuple[str, ...]]:
        """The definition with its own text in that language where it is translated, and the fields that are not
        (shown in English). English is the definition itself."""
        if code == "en":
            return self, ()
        translation = getattr(self, code, None)
        text = {name: getattr(translation, name) for name in TRANSLATED
                if translation is not None and getattr(translation, name) is not None}
        missing = tuple(name for name in TRANSLATED if getattr(self, name) is not None and name not in text)
        return self.model_copy(update=text), missing


@dataclass(frozen=True)
class ReportFile:
    id: str  # the file name without .yaml: reports/<id>/ and reports/<id>.pdf on the site
    path: str  # as shown in messages
    definition: ReportDefinition

    @property
    def template(self) -> str:
        return self.definition.template or DEFAULT_TEMPLATE


def load_reports(reports_dir: Path, dataset: Dataset, chart_ids, today: dt.date | None = None,
                 shown_root: Path | None = None) -> list[ReportFile]:
    """Every briefing in reports_dir (none if the folder does not exist), in listing order. Raises DataError with
    every problem: YAML and schema errors, ids that name no record (or the wrong kind), unknown charts or templates."""
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        return []
    shown_root = shown_root or reports_dir.parent
    today = today or dt.date.today()
    problems: list[Problem] = []
    reports: list[ReportFile] = []
    for path in sorted(reports_dir.iterdir()):
        shown = shown_path(path, shown_root)
        if linked := symlink_problem(path, shown):
            problems.append(linked)
            continue
        if path.name.endswith(TEMPLATE_SUFFIX):
            problems.extend(Problem(shown, line, 1, f"template {path.name}: {why}")
                            for line, why in own_template_problems(path))
            continue
        if path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        if path.suffix != ".yaml" or not path.is_file():
            hint = f'; rename it to "{path.stem}.yaml"' if path.suffix in (".yml", ".YAML") else ""
            problems.append(Problem(shown, 1, 1, f"not a briefing file: briefings end in .yaml and templates in "
                                                 f"{TEMPLATE_SUFFIX}{hint}"))
            continue
        report = _check_file(path, shown, reports_dir, dataset, set(chart_ids), today, problems)
        if report is not None:
            reports.append(report)
    if problems:
        raise DataError(problems)
    return sorted(reports, key=lambda r: (r.definition.order, r.definition.title.lower(), r.id))


def _check_file(path: Path, shown: str, reports_dir: Path, dataset: Dataset, chart_ids: set[str], today: dt.date,
                problems: list[Problem]) -> ReportFile | None:
    label = f"report {path.stem}"
    if not re.fullmatch(SLUG_PATTERN, path.stem) or len(path.stem) > 80 or path.stem in RESERVED_IDS:
        problems.append(Problem(shown, 1, 1, f'{label}: "{path.stem}" cannot be a briefing\'s id (its web address): '
                                             f"use lowercase letters, digits and single hyphens"
                                             + (", and not 'index'" if path.stem in RESERVED_IDS else "")
                                             + "; rename the file"))
        return None
    loaded, file_problems = load_file(path, shown)
    problems.extend(file_problems)
    if file_problems:
        return None
    if not isinstance(loaded.data, dict):
        problems.append(Problem(shown, 1, 1, f"{label}: the file must be a group of fields ('title: ...', "
                                             f"'programs: ...'), not a list or a single value"))
        return None
    try:
        definition = ReportDefinition.model_validate(loaded.data, context={"today": today})
    except ValidationError as exc:
        problems.extend(schema_problems(exc, ReportDefinition, loaded, label, HELP))
        return None

    before = len(problems)
    translated = [(("es", name), getattr(definition.es, name)) for name in TRANSLATED if definition.es is not None]
    terms = glossary_of(dataset)
    for (_, name), text in translated:
        if text is not None and getattr(definition, name) is None:
            problems.append(Problem(shown, *loaded.locate(("es", name)), f"{label}: es.{name}: translates nothing: "
                                    f"the English has no {name}; add the English {name}, or remove es.{name}"))
        elif text is not None:  # the project's glossary, as for the records' translations
            problems.extend(Problem(shown, *loaded.locate(("es", name)), f"{label}: es.{name}: {message}")
                            for message in glossary.field_problems(getattr(definition, name), text, terms))
    for loc, text in [((name,), getattr(definition, name)) for name in TRANSLATED] + translated:
        characters = glyphs.undrawable(text or "")
        if characters:
            problems.append(Problem(shown, *loaded.locate(loc), f"{label}: {field_label(loc)}: "
                                    f"{glyphs.describe(characters)} {glyphs.what_to_do([path.stem])}"))
    for loc, targets, target_id in iter_references(definition):
        why = reference_problem(target_id, targets, dataset.collection_of)
        if why:
            problems.append(Problem(shown, *loaded.locate(loc), f"{label}: {field_label(loc)}: {why}"))
    for index, chart_id in enumerate(definition.charts):
        if chart_id not in chart_ids:
            problems.append(Problem(shown, *loaded.locate(("charts", index)),
                                    f'{label}: charts[{index}]: no chart has the id "{chart_id}"'
                                    f"{suggest(chart_id, chart_ids)}; the charts are: {', '.join(sorted(chart_ids))}"))
    template = definition.template
    if template is not None and template != DEFAULT_TEMPLATE and (
            own_template_problem(reports_dir, template, TEMPLATE_SUFFIX) or template in shared_template_names()):
        problems.append(Problem(shown, *loaded.locate(("template",)),
                                f'{label}: template: no template "{template}"; name a {TEMPLATE_SUFFIX} file in '
                                f"reports/, or leave it out to use {DEFAULT_TEMPLATE}"))
    if len(problems) > before:
        return None
    return ReportFile(path.stem, shown, definition)


def glossary_of(dataset: Dataset) -> glossary.Glossary:
    """The glossary's terms (data/terms/), which a briefing's translation follows like a record's."""
    return glossary.glossary_of_terms((dataset.paths[term.id], term)
                                      for term in dataset.collections.get(glossary.TERMS, {}).values())


def shared_template_names() -> set[str]:
    return {path.name for path in TEMPLATES.glob(f"*{TEMPLATE_SUFFIX}")}


# Nothing but white space and comments before {% extends "report.html.j2" %}: text there would be printed first.
_EXTENDS_SHARED = re.compile(r'\s*(\{#.*?#\}\s*)*\{%-?\s*extends\s+["\']' + re.escape(DEFAULT_TEMPLATE)
                             + r'["\']\s*-?%\}', re.S)


def own_template_problems(path: Path) -> list[tuple[int, str]]:
    """(line, what to do) for each reason the file cannot be a briefing's own template."""
    name = path.name
    if name in shared_template_names():
        return [(1, f"a briefing template cannot be named {name}: that is a shared template in scripts/site/templates/ "
                    f"(changing it is a change to the code); give yours another name and extend "
                    f'"{DEFAULT_TEMPLATE}"')]
    problem = own_template_problem(path.parent, name, TEMPLATE_SUFFIX)
    if problem:
        return [(1, problem)]
    try:
        source = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return [(1, f"is not UTF-8 text (byte {error.start}); save it as UTF-8")]
    if not _EXTENDS_SHARED.match(source):
        return [(1, f'a briefing template must start with {{% extends "{DEFAULT_TEMPLATE}" %}} and replace only '
                    f"its blocks (see reports/README.md)")]
    if (line := too_deep_line(source)) is not None:
        return [(line, f"brackets are nested more than {MAX_TEMPLATE_NESTING} levels deep; write the expression in "
                       "steps with {% set %}")]
    try:
        BriefingEnvironment().parse(source)
    except TemplateSyntaxError as error:
        return [(error.lineno or 1, f"syntax: {error.message}")]
    return []
