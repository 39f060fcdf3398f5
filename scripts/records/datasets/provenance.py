"""The provenance record written beside each list: where the file came from, what it is, and how it was dated."""

from __future__ import annotations

import datetime as dt
import json

from .ice_287g import MODELS, PublishedList

PUBLISHER = "U.S. Immigration and Customs Enforcement (ICE)"
PUBLISHER_URL = "https://www.ice.gov/identify-and-arrest/287g"
LICENCE = "Public domain: a work of the U.S. federal government (17 U.S.C. 105)"
ARCHIVE_COMMIT = "4f9d1c35b402db277e61c03bc85f8230713c4f3b"
ARCHIVE_URL = ("https://github.com/RelevantResearch/287g-DetentionData/blob/" + ARCHIVE_COMMIT
               + "/participatingAgencies/{file_name}")
RETRIEVED_FROM_NAME = ("the date in the file's name: the archive names each file by when it downloaded ICE's file "
                       "(or when the Wayback Machine captured ICE's web table); the exact time it was fetched is "
                       "recorded nowhere else")


def record(published: PublishedList, source_url: str, retrieved: dt.date | None) -> dict:
    counts = published.rows["model"].value_counts()
    if retrieved is not None:
        retrieved_date, basis = retrieved, "given on the command line (--retrieved)"
    elif published.file_name_date is not None:
        retrieved_date, basis = published.file_name_date, RETRIEVED_FROM_NAME
    else:
        retrieved_date, basis = None, "not known: the file's name holds no date and none was given"
    return {
        "list_date": published.list_date.isoformat(),
        "list_date_basis": published.list_date_basis,
        "file_name": published.file_name,
        "file_name_date": published.file_name_date.isoformat() if published.file_name_date else None,
        "sha256": published.sha256,
        "sheet": published.sheet,
        "format": published.format,
        "workbook_saved_utc": published.workbook_saved or None,
        "agreements": len(published.rows),
        "agreements_by_model": {model: int(counts.get(model, 0)) for model in MODELS},
        "publisher": PUBLISHER,
        "publisher_url": PUBLISHER_URL,
        "licence": LICENCE,
        "source_url": source_url.format(file_name=published.file_name),
        "retrieved": retrieved_date.isoformat() if retrieved_date else None,
        "retrieved_basis": basis,
        "warnings": published.warnings,
    }


def to_json(value: dict) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
