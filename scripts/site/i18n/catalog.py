"""A message catalog: the interface text of one language, read from YAML files (`English: translation`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class CatalogError(Exception):
    """A catalog file that cannot be used (the message says which file and entry)."""


@dataclass
class Catalog:
    """English message -> translation; an empty catalog translates nothing (English)."""
    messages: dict[str, str | list[str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # message -> the catalog file that translates it

    def get(self, message: str) -> str:
        found = self.messages.get(message)
        if isinstance(found, str):
            return found
        return message

    def get_plural(self, singular: str, plural: str, count: int) -> str:
        found = self.messages.get(singular)
        if isinstance(found, list):
            return found[0] if count == 1 else found[1]
        return singular if count == 1 else plural

    def __contains__(self, message: str) -> bool:
        return message in self.messages


def load_catalog(folder: Path) -> Catalog:
    catalog = Catalog()
    for path in sorted(folder.glob("*.yaml")):
        shown = f"scripts/site/i18n/{folder.name}/{path.name}"
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise CatalogError(f"{shown}: not valid YAML ({error})") from None
        if not isinstance(entries, dict):
            raise CatalogError(f"{shown}: must be a mapping of English messages to their translations")
        for message, translation in entries.items():
            ok = isinstance(translation, str) or (isinstance(translation, list) and len(translation) == 2
                                                  and all(isinstance(t, str) for t in translation))
            if not isinstance(message, str) or not ok:
                raise CatalogError(f"{shown}: {message!r}: a translation is a text, or [singular, plural]")
            if message in catalog.messages:
                raise CatalogError(f"{shown}: {message!r} is translated in {catalog.files[message]} too; keep one")
            catalog.messages[message] = translation
            catalog.files[message] = shown
    return catalog
