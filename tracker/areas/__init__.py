"""The six disadvantaged urban areas, their places and development plans."""
