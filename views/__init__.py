"""One blueprint per area of the portal."""
import importlib

# Each module defines ``bp``; adding an area is adding its name here.
AREAS = ["public", "account", "settings", "registration", "documents", "address", "uploads", "messages", "staff", "health"]
# Modules that add pages to an area's blueprint (Gestion is a package of them).
PAGES = ["staff.review", "staff.export", "staff.reminders", "staff.team", "staff.dashboard", "staff.files", "staff.journal"]


def register(app):
    for name in PAGES:
        importlib.import_module(f"views.{name}")
    for name in AREAS:
        app.register_blueprint(importlib.import_module(f"views.{name}").bp)
