"""Fixtures for search: the log's reference data and signed-in clients (tests/entries/conftest.py)."""
from tests.entries.conftest import OwnUserClient, login, ref  # noqa: F401  (fixtures used here too)
