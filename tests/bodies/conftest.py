"""The bodies' write pages use the same people and reference data as the cooperation log's."""
from tests.entries.conftest import login, ref  # noqa: F401
