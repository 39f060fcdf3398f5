"""`python -m scripts new <type> "Title"`: start a record file with a valid id, today's date and a note on every field.

The id is made from the title (or given with --id): lowercase letters, digits and single hyphens, at most 80
characters, cut between words. An event given --date gets the date in front of its id, as every event id here has
(`2014-11-20-...`). An id that any record already has, in any collection, is refused: ids are permanent web addresses.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..records.registry import REGISTRY
from ..records.schema import PartialDate, Slug
from .record_template import new_record_text

MAX_ID = 80


class ScaffoldError(Exception):
    """A reason not to write the record, in words for the person who ran the command."""


def collection_for(record_type: str) -> str:
    key = record_type.strip().lower()
    types = {kind: name for kind, name in REGISTRY.by_type().items() if REGISTRY[name].source.hand_written}
    if key in types:
        return types[key]
    close = difflib.get_close_matches(key, list(types), n=1, cutoff=0.6)
    hint = f' (did you mean "{REGISTRY.singular(types[close[0]])}"?)' if close else ""
    kinds = sorted({REGISTRY.singular(name) for name in types.values()})
    raise ScaffoldError(f'unknown record type "{record_type}"{hint}; use one of: {", ".join(kinds)}')


def id_from_title(title: str, prefix: str = "") -> str:
    """A valid id from a title: "ICE's 287(g) program, U.S. v. Doe" -> "ices-287g-program-us-v-doe"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    text = re.sub(r"['\u2019()\[\]]", "", text)  # apostrophes and brackets join: "ice's" -> "ices", "287(g)" -> "287g"
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # initials join: "u.s." -> "us."
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    if not words:
        raise ScaffoldError(f'cannot make an id from the title "{title}" (it has no letters a-z or digits); '
                            "give one with --id")
    budget = MAX_ID - (len(prefix) + 1 if prefix else 0)
    slug = words[0][:budget]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > budget:
            break
        slug += "-" + word
    return f"{prefix}-{slug}" if prefix else slug


def _checked(adapter: TypeAdapter, value: str, what: str, today: dt.date) -> str:
    try:
        return adapter.validate_python(value, context={"today": today})
    except ValidationError as error:
        raise ScaffoldError(f"{what}: {error.errors(include_url=False)[0]['msg']}") from None


def existing_file(data_dir: Path, record_id: str) -> Path | None:
    """The record file that already has this id, in any collection."""
    for path in sorted(data_dir.glob(f"*/{record_id}.yaml")):
        return path
    return None


def new_record(root: Path, record_type: str, title: str, *, date: str | None = None, record_id: str | None = None,
               today: dt.date | None = None) -> Path:
    """Write data/<collection>/<id>.yaml and return its path. Raises ScaffoldError, writing nothing, if it cannot."""
    today = today or dt.date.today()
    collection = collection_for(record_type)
    model = REGISTRY[collection].model
    if not title.strip():
        raise ScaffoldError("the title is empty; give the record a title in quotes")
    if date is not None:
        if "date" not in model.model_fields:
            raise ScaffoldError(f"{collection} have no date field; leave out --date")
        date = _checked(TypeAdapter(PartialDate), date, "--date", today)
    if record_id is not None:
        record_id = _checked(TypeAdapter(Slug), record_id, "--id", today)
    else:
        record_id = id_from_title(title, prefix=date if collection == "events" and date else "")
    data_dir = root / "data"
    taken = existing_file(data_dir, record_id)
    if taken is not None:
        shown = taken.relative_to(root) if taken.is_relative_to(root) else taken
        raise ScaffoldError(f'{shown}:1:1: the id "{record_id}" is already used by this '
                            f"{REGISTRY.singular(taken.parent.name) if taken.parent.name in REGISTRY else 'record'}; ids must be unique across all collections. "
                            "Choose a different title, or give an id with --id")
    values = {"id": record_id, "last_reviewed": today.isoformat()}
    title_field = next((name for name in ("title", "name") if name in model.model_fields), None)
    if title_field:
        values[title_field] = title.strip()
    if date is not None:
        values["date"] = date
    path = data_dir / collection / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:  # "x": never overwrite a file that appeared meanwhile
        stream.write(new_record_text(collection, values))
    return path


def run(root: Path, record_type: str, title: str, date: str | None = None, record_id: str | None = None) -> int:
    try:
        path = new_record(root, record_type, title, date=date, record_id=record_id)
    except ScaffoldError as error:
        print(f"{error}; nothing was written.", file=sys.stderr)
        return 1
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    collection = path.parent.name
    print(f"wrote {shown}")
    if collection == "events" and date is None and record_id is None:
        print("note: event ids here start with the event's date; to get one, delete the file and run the command "
              "again with --date YYYY-MM-DD (or YYYY-MM, YYYY)")
    fields = REGISTRY[collection].model.model_fields
    if "title" not in fields and "name" not in fields:
        print(f"note: {collection} have no title field; the title was used only to make the id")
    print("Next: open the file, fill in every field marked (required), then run ./site.sh format and "
          "./site.sh validate (see CONTRIBUTING.md).")
    return 0
