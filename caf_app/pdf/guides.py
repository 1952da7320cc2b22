"""The guides des prestations of the Professionnels space as PDF documents, made from the same Markdown file as
their page (content/professionnels/guide-*.md): its summary, its sections, paragraphs and lists, bold kept."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..content.editorial import MARKDOWN, Entry, body_of
from . import BODY, H2, SMALL, clean, render

INLINE = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>"}


def _inline(token) -> str:
    """An inline token's text for a reportlab Paragraph: text escaped, bold and italics kept, links as their text."""
    return "".join(INLINE.get(child.type, clean(child.content) if child.type in ("text", "code_inline") else
                              " " if child.type in ("softbreak", "hardbreak") else "")
                   for child in token.children or ())


def guide_pdf(entry: Entry, *, made_on: str) -> bytes:
    story: list = [Paragraph(clean(entry.summary), BODY), Spacer(1, 4 * mm)]
    tokens = MARKDOWN.parse(body_of(entry))
    bullet = False
    for index, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            bullet = True
        elif token.type == "bullet_list_close":
            bullet = False
        elif token.type == "inline":
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                story.append(Paragraph(_inline(token), H2))
            elif bullet:
                story.append(Paragraph(_inline(token), BODY, bulletText="–"))
            else:
                story.append(Paragraph(_inline(token), BODY))
    story += [Spacer(1, 6 * mm), Paragraph(clean(f"Édité le {made_on}, d'après la page en ligne."), SMALL)]
    return render(entry.title, story, subject=entry.summary)
