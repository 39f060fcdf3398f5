"""What the law pages, the laws' listing and the state and county pages say about state laws: the readers' names of
a law's kinds and statuses, which laws of a state are in force, and the state's posture in one line. Built once per
Renderer from the `laws` records."""

from __future__ import annotations

from collections import defaultdict

from ..records.model import Dataset

# A law's kinds, in the order the listing shows them, with what a reader is told (translated in i18n/es/laws.yaml).
KIND_LABELS = {
    "requires-287g": "Requires 287(g)",
    "requires-detainers": "Requires honoring detainers",
    "limits-detainers": "Limits detainers",
    "forbids-287g": "Forbids 287(g)",
    "other": "Other rules on cooperation with ICE",
}
STATUS_LABELS = {
    "in-force": "in force",
    "in-force-in-part": "in force in part",
    "enacted-not-yet-in-force": "enacted, not yet in force",
    "enjoined": "enjoined",
    "repealed": "repealed",
    "superseded": "superseded",
    "expired": "expired",
}
TYPE_LABELS = {
    "statute": "statute",
    "executive-order": "executive order",
    "directive": "directive",
    "court-order": "court order",
    "regulation": "regulation",
}
# How a law became law (the record's `enacted`, or for a record that does not say, "enacted" for a statute and
# "issued" for an order or directive: never "signed" unless the sources say so): the heading of its date on the
# law's page, and the date's label in the one-line form of a law (state and county pages).
ENACTMENT_HEADINGS = {
    "signed": "Signed",
    "over-veto": "Enacted over the governor's veto",
    "without-signature": "Became law without the governor's signature",
    "enacted": "Enacted",
    "issued": "Issued",
}
ENACTMENT_LINES = {
    "signed": "signed: %(date)s",
    "over-veto": "enacted over the governor's veto: %(date)s",
    "without-signature": "became law without the governor's signature: %(date)s",
    "enacted": "enacted: %(date)s",
    "issued": "issued: %(date)s",
}
# The listing's note under the date of a law that did not become law by signature.
ENACTMENT_NOTES = {
    "over-veto": "over the governor's veto",
    "without-signature": "without the governor's signature",
}
IN_FORCE = ("in-force", "in-force-in-part", "enacted-not-yet-in-force")
REQUIRES = {"requires-287g", "requires-detainers"}
LIMITS = {"limits-detainers", "forbids-287g"}
# A state's posture from the kinds of its laws in force (or enacted), in one line for its page; and as the short
# legend label of the national map (charts/specs_laws.py), in the same order.
POSTURES = {
    "requires": "State law requires cooperation with ICE",
    "limits": "State law limits cooperation with ICE",
    "mixed": "State law both requires and limits cooperation with ICE",
    "other": "State law sets other rules on cooperation with ICE",
    "none": "No state law on 287(g) or detainers recorded here",
}
POSTURE_LABELS = {
    "requires": "Requires cooperation",
    "limits": "Limits cooperation",
    "mixed": "Both",
    "other": "Other rules",
    "none": "None recorded",
}


def first_day(date: str) -> str:
    """A partial date as the first day it can be ("2026" → "2026-01-01", "2026-05" → "2026-05-01"), to compare it with
    a day."""
    return f"{date}-01-01" if len(date) == 4 else f"{date}-01" if len(date) == 7 else date


def enactment_of(law) -> str:
    """How the law's date is labelled: its `enacted`, else "enacted" (a statute) or "issued" (an order, directive or
    regulation); "other" reads "enacted" too."""
    if law.enacted in ("signed", "over-veto", "without-signature"):
        return law.enacted
    return "enacted" if law.type == "statute" or law.enacted == "other" else "issued"


def posture_of(laws: list) -> str:
    """"requires", "limits", "mixed", "other" or "none", from the kinds of the laws in force."""
    kinds = {kind for law in laws if law.status in IN_FORCE for kind in law.kinds}
    requires, limits = bool(kinds & REQUIRES), bool(kinds & LIMITS)
    if requires and limits:
        return "mixed"
    if requires:
        return "requires"
    if limits:
        return "limits"
    return "other" if kinds else "none"


class LawIndex:
    def __init__(self, dataset: Dataset):
        self._by_state: dict[str, list] = defaultdict(list)
        for law in dataset.collections.get("laws", {}).values():
            self._by_state[law.state].append(law)
        for laws in self._by_state.values():
            laws.sort(key=lambda law: (law.signed or law.effective or "", law.id))

    def of_state(self, postal: str) -> list:
        """Every law of the state, oldest first."""
        return self._by_state.get(postal, [])

    def in_force(self, postal: str) -> list:
        return [law for law in self.of_state(postal) if law.status in IN_FORCE]

    def in_force_on(self, postal: str, date: str) -> list:
        """The state's laws in force on a day (a federal list's date): in effect by then (its effective date, or its
        signing date when none is recorded) and not yet ended. A partial date counts from its first day."""
        return [law for law in self.of_state(postal) if (law.effective or law.signed)
                and first_day(law.effective or law.signed) <= date
                and not (law.ended and first_day(law.ended) <= date)]

    def history(self, postal: str) -> list:
        return [law for law in self.of_state(postal) if law.status not in IN_FORCE]

    def posture(self, postal: str) -> str:
        return posture_of(self.of_state(postal))

    def states(self) -> list[str]:
        return sorted(self._by_state)

    @staticmethod
    def by_kind(laws: list) -> list[tuple[str, list]]:
        """(kind, its laws) for every kind that has one, in the order of KIND_LABELS."""
        return [(kind, [law for law in laws if kind in law.kinds]) for kind in KIND_LABELS
                if any(kind in law.kinds for law in laws)]
