"""The validation error that services raise and forms, the seed loader and the API all report."""
from __future__ import annotations


class ValidationError(ValueError):
    """A domain rule was broken. `field` names the input the user must correct."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
