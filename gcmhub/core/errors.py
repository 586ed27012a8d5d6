"""The refusals every part of gcmhub shares."""

from django.core.exceptions import ValidationError


class StaleVersion(ValidationError):
    """The record changed since the person (or their file) read it: the save is refused, never
    merged. Pages show the message; the API answers 409."""


def check_version(record, expected_version: int, message: str) -> None:
    """Refuse with `message` unless `record` (read under lock) is still at the version the
    person started from."""
    if record.version != expected_version:
        raise StaleVersion(message)
