"""What a build reads, named once: the data folder, the briefings' folder and the cache. `./site.sh build`, `serve`
and the tests pass a BuildInputs; the MkDocs hooks read the one the build put into MkDocs' config (a project's own
folders when MkDocs was started by `mkdocs serve`), so MkDocs' pages come from the same folders as the build's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_KEY = "detainers_build_inputs"  # where build_site leaves them in MkDocs' config for the hooks


@dataclass(frozen=True)
class BuildInputs:
    data_dir: Path  # the records (data/<collection>/) and the ingested tables (data/datasets/)
    reports_dir: Path  # the briefings' definitions (reports/); a folder that does not exist means no briefings
    cache_dir: Path  # charts/ and reports/ below it: files keyed by their inputs, shared by every data folder

    @classmethod
    def of_project(cls, root: Path, data_dir: Path | None = None, reports_dir: Path | None = None) -> BuildInputs:
        """A project's folders: root/data, root/reports and root/.cache. Another data folder brings its own
        briefings (the reports/ beside it, if any): the project's name records that folder may not have."""
        root = Path(root)
        data = Path(data_dir) if data_dir is not None else root / "data"
        if reports_dir is None:
            reports_dir = root / "reports" if data_dir is None else data.parent / "reports"
        return cls(data.absolute(), Path(reports_dir).absolute(), (root / ".cache").absolute())

    def generation_arguments(self) -> dict:
        """The keyword arguments of generate.generate_pages that say where everything is."""
        return {"cache_dir": self.cache_dir / "charts", "reports_dir": self.reports_dir,
                "report_cache_dir": self.cache_dir / "reports"}


def of_config(config) -> BuildInputs:
    """The inputs build_site put into MkDocs' config, else those of the project mkdocs.yml is in."""
    inputs = config.get(CONFIG_KEY)
    return inputs if inputs is not None else BuildInputs.of_project(Path(config.config_file_path).parent)
