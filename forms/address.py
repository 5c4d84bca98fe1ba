"""The postal address, asked at step 3 of M'inscrire and when the candidate moves: in France, the
postcode and the commune are checked together against La Poste's official list (communes.py)."""
import re

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

import communes
from forms.fields import text, tidy, tidy_lines

FRENCH_POSTCODE = re.compile(r"\d{5}")
POSTAL = ("address", "postcode", "commune", "country")


def is_france(country):
    return tidy(country or "").casefold() in ("", "france")


class PostalFields(FlaskForm):
    """The postal address, asked at step 3 and when the candidate moves."""

    address = TextAreaField("Adresse", filters=[tidy_lines], render_kw={"rows": 3, "autocomplete": "street-address"},
                            description="Numéro, rue, et si besoin bâtiment ou lieu-dit, sur une à quatre lignes.",
                            validators=[DataRequired("Indiquez votre adresse."),
                                        Length(max=200, message="200 caractères au plus.")])
    postcode = text("Code postal", "Indiquez votre code postal.", max_length=10,
                    render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})
    commune = text("Commune", "Indiquez votre commune.",
                   render_kw={"autocomplete": "address-level2", "list": "communes-du-code-postal"})
    country = text("Pays", "Indiquez le pays.", max_length=60, render_kw={"autocomplete": "country-name"})

    def validate_address(self, field):
        if len((field.data or "").splitlines()) > 4:
            raise ValidationError("Écrivez l'adresse sur quatre lignes au plus.")

    def validate_postcode(self, field):
        if not field.data or not is_france(self.country.data):
            return
        postcode = re.sub(r"\s", "", field.data)  # « 86 000 », as many write it
        if not FRENCH_POSTCODE.fullmatch(postcode):
            raise ValidationError("Un code postal français compte 5 chiffres, par exemple 86000.")
        field.data = postcode
        if not communes.of_postcode(field.data):
            raise ValidationError("Ce code postal ne figure pas dans la liste officielle de La Poste : vérifiez-le.")

    def validate_commune(self, field):
        """In France, the commune must be one the postcode serves; it is then written as the official list does."""
        offered = self.communes_offered()
        if not field.data or not offered:
            return
        found = communes.named(field.data, self.postcode.data)
        if found is None:
            names = ", ".join(c.name for c in offered[:15]) + (", …" if len(offered) > 15 else "")
            raise ValidationError(f"« {field.data} » n'a pas le code postal {self.postcode.data}. "
                                  f"{'Commune' if len(offered) == 1 else 'Communes'} de ce code postal : {names}.")
        field.data = found.name

    def communes_offered(self):
        """The communes of the postcode typed, in France (empty otherwise)."""
        postcode = re.sub(r"\s", "", self.postcode.data or "")
        if not is_france(self.country.data) or not FRENCH_POSTCODE.fullmatch(postcode):
            return []
        return communes.of_postcode(postcode)

    def postal_values(self):
        return {name: self[name].data for name in POSTAL}


class AddressChangeForm(PostalFields):
    """Changer d'adresse postale."""
