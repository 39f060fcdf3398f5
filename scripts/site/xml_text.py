"""Text bound for an XML file (the Atom feed, chart SVGs): XML 1.0 cannot hold most control characters (a YAML
string can, written as "\\x01"), and one of them makes the whole file unreadable, so they are dropped."""

from __future__ import annotations

import re

# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
