"""Errors the command line turns into exit codes (2 = bad input, 1 = failure while running)."""


class BadInput(ValueError):
    """Input the user can fix: an unknown country, a bad year, a missing or malformed raw file.

    The message is one line that names what is wrong and what would be right.
    """

    exit_code = 2


class RunFailure(RuntimeError):
    """A failure while running (for example a notebook cell), named in the message."""

    exit_code = 1
