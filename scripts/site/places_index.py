"""The home page's place finder's index (docs/assets/places.js): every state, county and 287(g) agency, by the name a
reader types, as compact JSON. One per language (places.json, es/places.json), each naming places as that language's
pages do. Fetched only when the reader focuses the box, so the home page itself stays small."""

from __future__ import annotations

import json

from ..records.model import Dataset
from .urls import display_name

# A place's kind in the index: its letter, its collection (the folder of its pages).
KINDS = {"s": "states", "c": "counties", "a": "agencies"}


def places_index(dataset: Dataset) -> str:
    """{"folders": {letter: "counties/", ...}, "places": [[name, id, letter], ...]}: states, then counties, then
    agencies, each sorted by id (so the file is the same for the same data)."""
    places = []
    for letter, collection in KINDS.items():
        for record_id in sorted(dataset.collections.get(collection, {})):
            name = display_name(dataset, record_id)
            if collection == "agencies":  # the same name can be an agency's in two states: its postal code
                name = f"{name}, {dataset.get(record_id).state}"
            places.append([name, record_id, letter])
    folders = {letter: f"{collection}/" for letter, collection in KINDS.items()}
    return json.dumps({"folders": folders, "places": places}, ensure_ascii=False, separators=(",", ":")) + "\n"
