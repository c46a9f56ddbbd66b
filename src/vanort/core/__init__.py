"""Shared foundations: base model, application errors, partial dates."""
