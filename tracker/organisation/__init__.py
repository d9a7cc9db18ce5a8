"""The seven administrations, outside organisations and the people who represent them."""
