"""One blueprint per area of the portal."""
import importlib

# Each module defines ``bp``; adding an area is adding its name here.
AREAS = ["public", "account", "settings", "registration", "documents", "address", "uploads", "staff"]


def register(app):
    for name in AREAS:
        app.register_blueprint(importlib.import_module(f"views.{name}").bp)
