"""The maintainers' tools: the formatter, `new` (scaffold), record templates, schema export, link check and
benchmark. They may use both other wings; nothing in the records or the site imports them."""
