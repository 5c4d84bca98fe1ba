"""The form of a message in a registration's thread, for the candidate and for staff."""
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from models.messages import BODY_MAX


def body_field(label):
    return TextAreaField(label, description=f"Texte simple, {BODY_MAX} caractères au plus.", validators=[
        DataRequired("Écrivez votre message."),
        Length(max=BODY_MAX, message=f"Un message ne doit pas dépasser {BODY_MAX} caractères.")],
        render_kw={"rows": 5, "maxlength": BODY_MAX})


class MessageForm(FlaskForm):
    """« Écrire au pôle »: the candidate's message."""

    body = body_field("Votre message au pôle")


class StaffMessageForm(FlaskForm):
    """Staff's answer, from the review page (which holds several forms: the page's token, see ReviewForm)."""

    body = body_field("Message au candidat")

    class Meta:
        csrf = False
