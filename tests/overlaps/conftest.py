"""The overlap tests sign in through the login form as the initiative tests do: one client per user."""
from tests.initiatives.conftest import login, users  # noqa: F401  (fixtures)
