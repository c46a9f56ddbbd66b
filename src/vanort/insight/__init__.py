"""Statistics, charts and open data over the register (cross-domain, read-only except the
partnership import, which writes through the registry's services)."""
