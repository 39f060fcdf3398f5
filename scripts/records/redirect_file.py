"""The schema of data/redirects.yaml: ids that were renamed, so that their old web addresses keep working. A renamed
id may lead to a record of any collection in the registry (those registered when this module is first imported)."""

from __future__ import annotations

from pydantic import Field

from . import limits
from .registry import REGISTRY
from .schema import FullDate, RecordId, Slug, Strict, Text, ref


class Redirect(Strict):
    """An id that was renamed: its old web address keeps leading to the record (data/redirects.yaml)."""
    old: RecordId = Field(description="The id the record used to have (its old web address).")
    new: Slug = ref(*REGISTRY.names(), description="The record's id now.", required=True)
    date: FullDate = Field(description="When the id was changed.")
    reason: Text = Field(description="Why it was renamed.")


class RedirectsFile(Strict):
    redirects: list[Redirect] = Field(default_factory=list, max_length=limits.MAX_REDIRECTS, description="Renamed ids, oldest first.")
