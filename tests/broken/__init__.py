"""Deliberately broken implementations of the multiprocessing API.

Each module wraps the stdlib and breaks one documented behaviour, and says in
``CATCHES`` which conformance features must report it (and, optionally, in
``START_METHODS`` under which start methods).  ``tests/test_broken.py`` runs
the suite against each and checks that exactly those features deviate,
while the stdlib passes them.  Modules whose name starts with "_" are helpers.
"""
