"""Errors a user can act on.

Every error dyadwatch raises on purpose says what went wrong *and what to do next*
(peacesciencer's habit of naming the function to run).  The CLI prints ``str(err)`` and
exits non-zero; the Python API lets it propagate.
"""

from __future__ import annotations


class DyadwatchError(Exception):
    """Base class: a problem the user can fix; ``hint`` says how."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message if hint is None else f"{message}\n  → {hint}")


class DataUnavailable(DyadwatchError):
    """A dataset file cannot be had: no mirror copy, no network, or a failed download."""


class IntegrityError(DyadwatchError):
    """A file's sha256 or size differs from the registry: never parse it."""


class UnknownCountry(DyadwatchError):
    """A country name or code that the lookup does not know."""


class NotLoaded(DyadwatchError):
    """An indicator asked for a table that is not in the store yet."""


class InvalidInput(DyadwatchError):
    """Bad user input (a file, a line, a field); the message names where."""
