"""The registration recap as a PDF, for the candidate to keep or print.

fpdf2's built-in fonts only know Latin-1: ’, Œ or € would not print. The
DejaVu fonts shipped in ``fonts/`` (free licence, see LICENSE-DejaVu.txt)
are embedded instead, so every name prints as it is written.
"""
from pathlib import Path

from fpdf import FPDF

import recap

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


def registration_pdf(registration, pieces):
    """The PDF bytes of ``registration``'s recap and its list of ``pieces``."""
    session = registration.session
    doc = FPDF(format="A4")
    doc.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
    doc.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
    doc.set_title(f"Récapitulatif d'inscription {registration.number}")
    doc.set_author(session.academy)
    doc.set_creator("Sésame")
    doc.set_margins(18, 16, 18)
    doc.set_auto_page_break(True, margin=16)
    doc.add_page()

    doc.set_font(FAMILY, "", 10)
    doc.multi_cell(0, 5, f"{session.academy} — {session.label}", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "B", 16)
    doc.multi_cell(0, 10, "Récapitulatif d'inscription", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 10)
    doc.multi_cell(0, 5, recap.saved_line(registration), new_x="LMARGIN", new_y="NEXT")
    if registration.status == "annulée":
        doc.set_font(FAMILY, "B", 11)
        doc.multi_cell(0, 6, "Cette inscription est annulée.", new_x="LMARGIN", new_y="NEXT")
    if registration.status == "écartée":
        doc.set_font(FAMILY, "B", 11)
        reason = f" Motif : {registration.set_aside_reason}" if registration.set_aside_reason else ""
        doc.multi_cell(0, 6, f"Cette inscription est écartée par le rectorat.{reason}", new_x="LMARGIN", new_y="NEXT")

    for _, title, lines in recap.sections(registration):
        _heading(doc, title)
        _table(doc, lines)

    _heading(doc, f"Pièces justificatives {recap.pieces_due(session)}")
    doc.multi_cell(0, 5, "Puis cliquez sur « J'ai fourni toutes mes pièces ».", align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    _table(doc, [(piece.label, f"{piece.reason}\n{piece.help}".strip()) for piece in pieces])

    contact = recap.pole_contact(registration)
    if contact:
        _heading(doc, "Une question sur votre inscription ou vos pièces ?")
        doc.multi_cell(0, 5, contact, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def _heading(doc, title):
    # A heading never ends a page alone, away from what it announces.
    if doc.will_page_break(30):
        doc.add_page()
    doc.ln(3)
    doc.set_font(FAMILY, "B", 12)
    doc.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 10)


def _table(doc, lines):
    with doc.table(col_widths=(2, 3), first_row_as_headings=False, line_height=5,
                   borders_layout="HORIZONTAL_LINES", text_align="LEFT") as table:
        for label, value in lines:
            row = table.row()
            row.cell(label)
            row.cell(value)
