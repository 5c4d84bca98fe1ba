"""``python -m bench`` (``make bench``): the portal's budgets of DESIGN.md §5, measured on loopback.

Throughput of candidate pages against a bare Flask + peewee page served the
same way in the same run (budget: at least 50 %), and the compressed size
of each page, of the CSS and of our own JavaScript.
"""
