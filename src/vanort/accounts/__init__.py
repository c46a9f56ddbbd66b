"""Users, roles per municipality, API tokens."""
