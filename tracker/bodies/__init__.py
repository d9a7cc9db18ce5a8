"""Coordination bodies (samarbejdsorganer), their members and meetings."""
