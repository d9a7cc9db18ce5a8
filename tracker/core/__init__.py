"""Small pieces every domain shares: timestamps, validation errors, pagination."""
