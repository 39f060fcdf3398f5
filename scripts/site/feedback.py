"""The links every page gives a reader who finds a mistake: "Report a correction" opens the repository's correction
form (.github/ISSUE_TEMPLATE/correction.yml) with the page's address and record id filled in, and a record written
in a YAML file gets "Edit this record", GitHub's editor on that file, for those who can make the change themselves.

GitHub fills an issue form's field from the query parameter named by the field's id (`page`, `record`), so those ids
and the parameters here go together. The repository's address is the deployment's (REPO_URL, set by
.github/workflows/ci.yml's build job from the repository it runs in); without one, pages carry no such links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .i18n import Language
from .urls import is_absolute_url

CORRECTION_FORM = "correction.yml"
EDITED_BRANCH = "main"  # the branch the site is published from (.github/workflows/pages.yml)


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def correction_links(repository: str, page_address: str, language: Language, record_id: str = "",
                     record_file: str = "") -> list[Link]:
    """The page's links, in its language: report a correction (always), edit the record (when it has a YAML file).
    `repository` is the repository's web address ('https://github.com/owner/name'); empty means none."""
    repository = repository.strip().rstrip("/")
    if not is_absolute_url(repository):
        return []
    _ = language.gettext
    query = {"template": CORRECTION_FORM, "page": page_address}
    if record_id:
        query["record"] = record_id
    links = [Link(_("Report a correction"), f"{repository}/issues/new?{urlencode(query)}")]
    if record_file.startswith("data/") and record_file.endswith(".yaml"):
        links.append(Link(_("Edit this record"), f"{repository}/edit/{EDITED_BRANCH}/{record_file}"))
    return links
