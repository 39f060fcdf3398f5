"""The records: reading data/ (YAML with line numbers), the schema of each collection, validation, and the Dataset.

Nothing here knows about pages, URLs or the maintainers' tools: this wing imports neither scripts.site nor
scripts.tools."""
