"""A pinpoint ("paragraphs 1–3 and 5", "p. 3, first paragraph", "I. Introduction") in the page's language.

Pinpoints are written in English by contributors, and they mix two kinds of words: the locator words a citation uses
in any language (paragraph, page, section, row…), which a Spanish page should say in Spanish, and the source's own
text (a heading such as "I. Introduction", a sheet name, a quoted phrase), which must stay as the source wrote it.

So a pinpoint is cut into parts at its commas and semicolons (outside quotes and parentheses). A part made only of
locator words, numbers and symbols (¶, §, p., pp.) is translated word by word; a quoted phrase inside it is kept,
marked with the source's language. Any other part is the source's own text or a description this module cannot
translate safely: it is kept verbatim and marked `lang="en"`, so it is never half translated."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Locator words and their Spanish, singular and plural (a Spanish page says "párrafos 1–3", not "paragraphs 1–3").
WORDS_ES = {
    "paragraph": "párrafo", "paragraphs": "párrafos", "page": "página", "pages": "páginas",
    "section": "sección", "sections": "secciones", "subsection": "subsección", "subsections": "subsecciones",
    "sentence": "oración", "sentences": "oraciones", "line": "línea", "lines": "líneas", "row": "fila",
    "rows": "filas", "column": "columna", "columns": "columnas", "footnote": "nota al pie", "footnotes": "notas al pie",
    "note": "nota", "notes": "notas", "table": "tabla", "tables": "tablas", "item": "punto", "items": "puntos",
    "entry": "entrada", "entries": "entradas", "part": "parte", "parts": "partes", "answer": "respuesta",
    "answers": "respuestas", "list": "lista", "title": "título", "heading": "encabezado", "caption": "epígrafe",
    "appendix": "apéndice", "exhibit": "anexo", "chapter": "capítulo", "article": "artículo", "clause": "cláusula",
    "sheet": "hoja", "and": "y", "to": "a", "of": "de",
}
# The locator words also translated when capitalised ("Section III", "Part 2"); any other capitalised word may be the
# source's own heading ("Summary", "Introduction") and is kept.
CAPITALISED = {"section", "sections", "part", "parts", "paragraph", "paragraphs", "page", "pages", "table", "appendix",
               "exhibit", "chapter", "article"}
# Word pairs whose Spanish order differs ("opening paragraphs" → "párrafos iniciales").
PHRASES_ES = {
    "opening paragraph": "párrafo inicial", "opening paragraphs": "párrafos iniciales",
    "first paragraph": "primer párrafo", "first paragraphs": "primeros párrafos",
    "last paragraph": "último párrafo", "closing paragraph": "párrafo final", "closing paragraphs": "párrafos finales",
    "first sentence": "primera oración", "last sentence": "última oración", "first page": "primera página",
    "last page": "última página", "table of contents": "índice", "whole text": "texto completo",
    "whole document": "documento completo", "opening": "inicio",
}
# What a locator's number may look like: 3, 1–3, 2-1844, 10(a), IV, 12a, ¶, ¶¶, §, p., pp., sec., s.
NUMBER = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)*[A-Za-z]?(?:\([0-9A-Za-z]+\))*(?:[–-][0-9]+(?:\.[0-9]+)*[A-Za-z]?"
                    r"(?:\([0-9A-Za-z]+\))*)?|"
                    r"[IVXLC]+|[A-Z](?:[–-][A-Z])?|¶+|§+|pp?\.|secs?\.|s\.|ch\.|art\.)$")
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
# A quoted phrase; a word with parentheses attached ("10(a)", "287(g)"); a parenthesis (which may hold a quotation).
TOKEN = re.compile(r'"[^"]*"|“[^”]*”|[^\s(]+(?:\([^()\s]*\)[^\s(]*)*|\((?:"[^"]*"|“[^”]*”|[^()"“])*\)')


def _split_parts(text: str) -> list[str]:
    """The pinpoint cut after each top-level comma or semicolon; the separators stay at the end of their part."""
    parts, current, depth, quote = [], "", 0, None
    for ch in text:
        current += ch
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"“":
            quote = "”" if ch == "“" else '"'
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def _translate_words(words: str) -> str | None:
    """The Spanish of a run of locator words and numbers, or None if any word is not a locator word."""
    tokens = words.split()
    out, i = [], 0
    while i < len(tokens):
        pair = " ".join(tokens[i:i + 2]).lower()
        triple = " ".join(tokens[i:i + 3]).lower()
        if triple in PHRASES_ES:
            out.append(PHRASES_ES[triple])
            i += 3
        elif pair in PHRASES_ES:
            out.append(PHRASES_ES[pair])
            i += 2
        elif tokens[i].lower() in PHRASES_ES:
            out.append(PHRASES_ES[tokens[i].lower()])
            i += 1
        elif tokens[i].lower() in WORDS_ES and (tokens[i].islower() or tokens[i].lower() in CAPITALISED):
            spanish = WORDS_ES[tokens[i].lower()]
            out.append(spanish[0].upper() + spanish[1:] if tokens[i][0].isupper() else spanish)
            i += 1
        elif NUMBER.match(tokens[i]):
            out.append(tokens[i])
            i += 1
        else:
            return None
    return " ".join(out)


def _part_es(part: str, quote_lang: str) -> str | None:
    """A part of a pinpoint in Spanish (HTML), or None if it holds words that are not locator words."""
    body = part.rstrip(",; ")
    tail = part[len(body):]
    leading = body[:len(body) - len(body.lstrip())]
    out, words = [], []
    for token in TOKEN.findall(body):
        if QUOTED.fullmatch(token):
            out.append(("words", " ".join(words)))
            words = []
            out.append(("quote", token))
        elif token.startswith("(") and token.endswith(")"):
            inner = token[1:-1]
            inner_es = (f'<span lang="{quote_lang}">{escape(inner)}</span>' if QUOTED.fullmatch(inner.strip())
                        else _part_es(inner, quote_lang))
            if inner_es is None:
                return None
            out.append(("words", " ".join(words)))
            words = []
            out.append(("html", f"({inner_es})"))
        else:
            words.append(token)
    out.append(("words", " ".join(words)))
    html = []
    for kind, value in out:
        if kind == "words":
            if not value:
                continue
            spanish = _translate_words(value)
            if spanish is None:
                return None
            html.append(str(escape(spanish)))
        elif kind == "quote":
            html.append(f'<span lang="{quote_lang}">{escape(value)}</span>')
        else:
            html.append(value)
    return str(escape(leading)) + " ".join(html) + str(escape(tail))


def pinpoint_html(text: str, language: str, source_language: str = "en") -> Markup:
    """The pinpoint as HTML for a page in `language`. In English it is the text as written. In Spanish the locator
    words are translated and everything else is kept verbatim with `lang` (see the module's docstring)."""
    if language == "en":
        return Markup(escape(text))
    html = []
    for part in _split_parts(text):
        spanish = _part_es(part, source_language)
        if spanish is not None:
            html.append(spanish)
        else:
            body = part.rstrip(",; ")
            leading = body[:len(body) - len(body.lstrip())]
            html.append(f'{escape(leading)}<span lang="en">{escape(body.strip())}</span>{escape(part[len(body):])}')
    return Markup("".join(html))
