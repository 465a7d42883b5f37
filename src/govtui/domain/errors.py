"""Errors a person is meant to read.  Tiny on purpose: the quick lookup imports it without the importers."""


class DocumentError(ValueError):
    """A document that cannot be imported; the message says why, for a person."""
