"""PDF documents with reportlab: a dataclass in, bytes out. A4, black and white, real text (extractable)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

NOTICE = ("Document produit par un service de démonstration indépendant : il n'a aucune valeur officielle "
          "et n'est pas délivré par la Caf.")

_styles = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_styles["BodyText"], fontName="Helvetica", fontSize=10, leading=14)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)
TITLE = ParagraphStyle("title", parent=_styles["Title"], fontName="Helvetica-Bold", fontSize=16, leading=20,
                       alignment=0)
H2 = ParagraphStyle("h2", parent=_styles["Heading2"], fontName="Helvetica-Bold", fontSize=12, leading=16)


def clean(text: str) -> str:
    """Helvetica's encoding has no narrow no-break space (a plain space instead) and its bullet comes out of the
    PDF as a control character (a star instead, as on a bank statement); escape XML for Paragraph."""
    return escape(str(text).replace("\u202f", " ").replace("\u00a0", " ").replace("•", "*"))


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(clean(text), style)


def table(rows: list[list[str]], widths: list[float], *, header: bool = True) -> Table:
    data = [[para(cell, SMALL) for cell in row] for row in rows]
    result = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6"))]
    result.setStyle(TableStyle(style))
    return result


def render(title: str, story: list, *, subject: str) -> bytes:
    """Lay out the story on A4 pages with the title, the demonstration notice and page numbers."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="Mon Compte allocataire (démonstration)",
                            subject=subject, lang="fr-FR", displayDocTitle=True, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm)

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(18 * mm, 10 * mm, f"{title} - page {document.page}")
        canvas.restoreState()

    doc.build([para(NOTICE, SMALL), Spacer(1, 4 * mm), Paragraph(clean(title), TITLE), *story],
              onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
