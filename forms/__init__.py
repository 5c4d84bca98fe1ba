"""Flask-WTF forms, one file per area; shared fields and checks in ``fields``."""
from forms import attributes

attributes.install()
