"""Flask-WTF forms, one file per area; shared fields and checks in ``fields``."""
