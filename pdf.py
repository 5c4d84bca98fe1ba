"""The registration recap as a PDF, for the candidate to keep or print.

fpdf2's built-in fonts only know Latin-1: ’, Œ or € would not print. The
DejaVu fonts shipped in ``fonts/`` (free licence, see LICENSE-DejaVu.txt)
are embedded instead, so every name prints as it is written.
"""
from html import escape
from pathlib import Path

from fpdf import FPDF, ViewerPreferences

import recap

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


def registration_pdf(registration, pieces):
    """The PDF bytes of ``registration``'s recap and its list of ``pieces``."""
    session = registration.session
    doc = FPDF(format="A4")
    doc.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
    doc.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
    title = f"Récapitulatif d'inscription {registration.number}"
    doc.set_title(title)
    doc.set_author(session.academy)
    doc.set_creator("Sésame")
    # Read aloud in French, titled by its title (not its file name) in readers and indexes.
    doc.set_lang("fr-FR")
    doc.set_xmp_metadata(_xmp(title, session.academy))
    doc.viewer_preferences = ViewerPreferences(display_doc_title=True)
    doc.set_margins(18, 16, 18)
    doc.set_auto_page_break(True, margin=16)
    doc.add_page()

    doc.set_font(FAMILY, "", 10)
    doc.multi_cell(0, 5, f"{session.academy} — {session.label}", align="L", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "B", 16)
    doc.multi_cell(0, 10, "Récapitulatif d'inscription", align="L", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 10)
    doc.multi_cell(0, 5, recap.saved_line(registration), align="L", new_x="LMARGIN", new_y="NEXT")
    if registration.status == "annulée":
        doc.set_font(FAMILY, "B", 11)
        doc.multi_cell(0, 6, "Cette inscription est annulée.", align="L", new_x="LMARGIN", new_y="NEXT")
    if registration.status == "écartée":
        doc.set_font(FAMILY, "B", 11)
        reason = f" Motif : {registration.set_aside_reason}" if registration.set_aside_reason else ""
        doc.multi_cell(0, 6, f"Cette inscription est écartée par le rectorat.{reason}", align="L", new_x="LMARGIN",
                       new_y="NEXT")

    for _, title, lines in recap.sections(registration):
        _heading(doc, title)
        _table(doc, lines)

    _heading(doc, f"Pièces justificatives {recap.pieces_due(session)}")
    doc.multi_cell(0, 5, "Puis cliquez sur « J'ai fourni toutes mes pièces ».", align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    _table(doc, [(piece.label, f"{piece.reason}\n{piece.help}".strip()) for piece in pieces])

    contact = recap.pole_contact(registration)
    if contact:
        # Kept whole, and on the page of the pieces when it fits there: never a page of its own.
        with doc.unbreakable() as block:
            block.ln(3)
            block.set_font(FAMILY, "B", 12)
            block.multi_cell(0, 7, "Une question sur votre inscription ou vos pièces ?", align="L",
                             new_x="LMARGIN", new_y="NEXT")
            block.set_font(FAMILY, "", 10)
            block.multi_cell(0, 5, contact, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def _xmp(title, author):
    """XMP metadata (what PDF/UA checkers read): the title, the author, the language."""
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title, quote=False)}</rdf:li></rdf:Alt></dc:title>'
            f'<dc:creator><rdf:Seq><rdf:li>{escape(author, quote=False)}</rdf:li></rdf:Seq></dc:creator>'
            '<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>'
            '<dc:format>application/pdf</dc:format><xmp:CreatorTool>Sésame</xmp:CreatorTool>'
            '</rdf:Description></rdf:RDF></x:xmpmeta>')


def _heading(doc, title):
    # A heading never ends a page alone, away from what it announces.
    if doc.will_page_break(30):
        doc.add_page()
    doc.ln(3)
    doc.set_font(FAMILY, "B", 12)
    doc.multi_cell(0, 7, title, align="L", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 10)


def _table(doc, lines):
    with doc.table(col_widths=(2, 3), first_row_as_headings=False, line_height=5,
                   borders_layout="HORIZONTAL_LINES", text_align="LEFT") as table:
        for label, value in lines:
            row = table.row()
            row.cell(label)
            row.cell(value)
