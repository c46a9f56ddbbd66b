"""Append-only audit log of the register: who changed which record, when, from what to what."""
