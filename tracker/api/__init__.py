"""The JSON API under /api/v1/ with its OpenAPI document, and the personal API tokens that open it."""
