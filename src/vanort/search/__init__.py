"""Site-wide search across domains (register, motions, documents)."""
