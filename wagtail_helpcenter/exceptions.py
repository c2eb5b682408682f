"""Exceptions shared by every layer (see docs/concepts/architecture.md)."""


class InvalidParameter(ValueError):
    """A URL parameter a visitor sent cannot be used; the message says why."""
