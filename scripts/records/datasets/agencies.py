"""One agency across lists: a spelling-blind name key, a stable id (slug), and its county.

The key ignores case, spacing, punctuation, curly apostrophes and "Sheriff's"/"Sheriffs", and reads "Co."/"Dept."/
"Ft." as "County"/"Department"/"Fort", and "Sheriff's Department" as "Sheriff's Office". Misspellings are not guessed: SPELLING_FIXES lists each one, checked by hand
(same state, same agency on neighbouring lists)."""

from __future__ import annotations

import re

import pandas as pd

from .fips import Fips

MAX_ID_CHARS = 80
WORDS = {"co": "county", "cnty": "county", "dept": "department", "ft": "fort", "&": "and"}

# (state postal code, key as published) -> key of the agency's usual spelling.
SPELLING_FIXES = {
    ("NY", "cattaraugus counry sheriffs office"): "cattaraugus county sheriffs office",
    ("OK", "okfusfee county sheriffs office"): "okfuskee county sheriffs office",
    ("FL", "macro island police department"): "marco island police department",
    ("FL", "indiatlantic police department"): "indialantic police department",
    ("FL", "lake clark shores police department"): "lake clarke shores police department",
    ("FL", "florida fish wildlife conservation commission"): "florida fish and wildlife conservation commission",
    ("NC", "albermarle district jail"): "albemarle district jail",
    ("TX", "department of public safety criminal investigations division"):
        "texas department of public safety criminal investigations division",
    # Each below: one agreement (same state, model and signed date) that leaves one list under one spelling and is on
    # the next under the other.
    ("AK", "department of corrections"): "alaska department of corrections",
    ("IN", "green forks police department"): "greens fork police department",
    ("MN", "freedom county sheriffs office"): "freeborn county sheriffs office",
    ("MO", "dogulas county sheriffs office"): "douglas county sheriffs office",
    ("SD", "centervillle police department"): "centerville police department",
    ("TX", "la vernia police deparment"): "la vernia police department",
    ("TX", "lampass county sheriffs office"): "lampasas county sheriffs office",
    ("TX", "somervill county sheriffs office"): "somervell county sheriffs office",
    ("TX", "somerville county sheriffs office"): "somervell county sheriffs office",
    ("TX", "office of the attorney general"): "texas office of the attorney general",
    ("VA", "rappahannok shenandoah warren regional jail authority"):
        "rappahannock shenandoah warren regional jail authority",
    ("WI", "mantiowoc county sheriffs office"): "manitowoc county sheriffs office",
    ("PA", "southhampton twp cumberland city constables office"): "southampton twp cumberland city constables office",
    ("WY", "wyoming highway state patrol"): "wyoming state highway patrol",
    ("ID", "idaho state police"): "idaho state police department",
    ("NH", "new hampshire state police"): "new hampshire state police department",
    ("LA", "louisiana state patrol"): "louisiana state police department",
    ("FL", "town of palm beach police department"): "palm beach police department",
    ("FL", "city of miami springs police department"): "miami springs police department",
    ("FL", "boca raton police department"): "boca raton police services department",
    ("FL", "florida department of environmental protection"):
        "florida department of environmental protection division of law enforcement",
}

# Words that, after a place name, make it a county or county equivalent in the Census table.
COUNTY_WORDS = ("county", "parish", "borough")


def agency_key(name: str, postal: str) -> str:
    text = name.lower().replace("\u2019", "'").replace("&", " & ")
    text = re.sub(r"'s\b", "s", text)
    words = [WORDS.get(w, w) for w in re.sub(r"[^a-z0-9&]+", " ", text).split()]
    key = " ".join(words).replace("sheriffs department", "sheriffs office")  # a county has one sheriff
    return SPELLING_FIXES.get((postal, key), key)


def agency_id(key: str, postal: str) -> str:
    slug = f"{postal.lower()}-{key.replace('&', 'and').replace(' ', '-')}"
    return slug[:MAX_ID_CHARS].rstrip("-")


def county_in_name(name: str, state_fips: str, fips: Fips) -> tuple[str, str] | None:
    """The county (FIPS, Census name) the agency's name names within its state ("Etowah County Sheriff's Office",
    "City of Hopewell" for Virginia's independent city), or None when it names none or more than one."""
    name = re.sub(r"\b(?:Co|Cnty)\b\.?", "County", name, flags=re.IGNORECASE)
    words = re.sub(r"[^A-Za-z0-9.'\- ]+", " ", name).split()
    found = set()
    lowered = [w.lower().strip(".") for w in words]
    for end, word in enumerate(lowered):
        if word in COUNTY_WORDS:
            matches = [fips.county(state_fips, " ".join(words[start:end + 1])) for start in range(max(0, end - 4), end)]
            matches = [m for m in matches if m]
            if matches:
                found.add(matches[0])  # the longest place name: "Deaf Smith County", not "Smith County"
    for index, word in enumerate(lowered):  # "City of X" or "X City": Virginia's independent cities, Baltimore
        if word != "city":
            continue
        if index + 1 < len(lowered) and lowered[index + 1] == "of":
            places = [" ".join(words[index + 2:index + 2 + n]) for n in (3, 2, 1)]
        else:
            places = [" ".join(words[index - n:index]) for n in (3, 2, 1) if index - n >= 0]
        for place in places:
            if place and (match := fips.county(state_fips, place + " city")):
                found.add(match)
                break
    return found.pop() if len(found) == 1 else None


def resolve(agreements: pd.DataFrame, fips: Fips) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Give every agreement its agency_id and build the agency table; returns (agreements, agencies, counts)."""
    postal_of = {s.fips: s.postal for s in fips.states.values()}
    name_of = {s.fips: s.name for s in fips.states.values()}
    rows = agreements.copy()
    rows["postal"] = rows["state_fips"].map(postal_of)
    rows["key"] = [agency_key(n, p) for n, p in zip(rows["agency"], rows["postal"])]
    rows["agency_id"] = [agency_id(k, p) for k, p in zip(rows["key"], rows["postal"])]
    latest_list = rows["list_date"].max()

    # The county column, where it names a county of the row's state.
    column_match = [fips.county(s, c) if c else None for s, c in zip(rows["state_fips"], rows["county"])]
    rows["column_fips"] = [m[0] if m else "" for m in column_match]
    rows["column_name"] = [m[1] if m else "" for m in column_match]

    ordered = rows.sort_values(["agency_id", "list_date", "source_row"])
    agencies, conflicts = [], 0
    for agency, group in ordered.groupby("agency_id", sort=True):
        newest = group.iloc[-1]
        types = group.loc[group["agency_type"] != "", "agency_type"]
        agency_type = types.iloc[-1] if len(types) else ""
        matched = group[group["column_fips"] != ""]
        county_fips = county_name = source = ""
        if agency_type == "State Agency":
            source = "state agency"
        elif len(matched):
            conflicts += matched["column_fips"].nunique() > 1
            latest = matched.iloc[-1]  # ICE's latest word when lists disagree (counted in the report)
            county_fips, county_name, source = latest["column_fips"], latest["column_name"], "county column"
        else:
            for name in reversed(group["agency"].unique().tolist()):
                if found := county_in_name(name, newest["state_fips"], fips):
                    county_fips, county_name, source = found[0], found[1], "agency name"
                    break
        agencies.append({
            "agency_id": agency, "name": newest["agency"], "state": name_of[newest["state_fips"]],
            "state_postal": newest["postal"], "state_fips": newest["state_fips"], "county_fips": county_fips,
            "county_name": county_name, "county_source": source, "agency_type": agency_type,
            "first_list": group["list_date"].min(), "last_list": group["list_date"].max(),
            "lists": int(group["list_date"].nunique()), "on_latest_list": bool(group["list_date"].max() == latest_list),
            "names_as_published": " | ".join(sorted(group["agency"].unique())),
        })
    table = pd.DataFrame(agencies)
    local = table[table["county_source"] != "state agency"]
    counts = {
        "agencies": len(table),
        "state_agencies": int((table["county_source"] == "state agency").sum()),
        "local_agencies": len(local),
        "county_from_column": int((local["county_source"] == "county column").sum()),
        "county_from_name": int((local["county_source"] == "agency name").sum()),
        "county_unknown": int((local["county_source"] == "").sum()),
        "county_conflicts": int(conflicts),
    }
    return rows.drop(columns=["postal", "key", "column_fips", "column_name"]), table, counts
