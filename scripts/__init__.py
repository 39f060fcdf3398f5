"""Build the detainers research site from the YAML records in data/.

The flow runs one way: load (keeping line numbers) → validate (schema + cross-record rules) → model → render → MkDocs.
"""
