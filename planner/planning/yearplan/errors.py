"""The year plan's errors: messages in Danish that say what is wrong and what would work."""

class YearPlanError(ValueError):
    """The request cannot be met; the message says why and what would work."""


class YearPlanFileError(ValueError):
    """A plan file is malformed or has been tampered with; the message says what is wrong."""
