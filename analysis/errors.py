"""Errors the command line turns into exit codes (2 = bad input, 1 = failure while running)."""

from __future__ import annotations

import reprlib
import signal

#: Characters of a value an error message quotes at most (:func:`quote`).
QUOTE_LIMIT = 80


class BadInput(ValueError):
    """Input the user can fix: an unknown country, a bad year, a missing or malformed raw file.

    The message is one line that names what is wrong and what would be right.
    """

    exit_code = 2


class RunFailure(RuntimeError):
    """A failure while running (for example a notebook cell), named in the message."""

    exit_code = 1


class _BoundedRepr(reprlib.Repr):
    """A reprlib.Repr that also shows an integer too long to print (Python's 4,300-digit limit)."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 3 * self.maxlong:  # more than maxlong digits: never convert it
            return f"<an integer of about {int(x.bit_length() * 0.30103):,} digits>"
        return super().repr_int(x, level)


def _bounded_repr(limit: int) -> reprlib.Repr:
    """Return a reprlib.Repr that never walks more of a container than a message can show."""
    r = _BoundedRepr()
    r.maxlevel, r.maxdict, r.maxlist, r.maxtuple, r.maxset = 3, 6, 8, 8, 8
    r.maxstring = r.maxother = r.maxlong = limit
    return r


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """Return ``repr(value)`` for an error message, cut to about ``limit`` characters.

    Every message that shows a value the user gave goes through this, so a 100 KB argument or a
    huge parsed config is never echoed back whole: a long value is cut with an ellipsis and its
    length is stated. Containers are walked only as far as they are shown (``reprlib``), so
    quoting a deeply nested value costs no more than quoting a short one.

    Parameters
    ----------
    value : object
        The value to show.
    limit : int
        Characters of the representation kept.

    Returns
    -------
    str
        The representation, or its first ``limit`` characters, ``…`` and the value's length.

    Examples
    --------
    >>> quote("ARN")
    "'ARN'"
    >>> quote("x" * 1000, limit=10)
    "'xxxxxxxxx… (1,000 characters)"
    >>> quote(list(range(100)), limit=20)
    '[0, 1, 2, 3, 4, 5, 6… (100 items)'
    """
    if isinstance(value, str):
        text = repr(value[: limit + 1])
        if len(value) <= limit and len(text) <= limit + 2:
            return text
        return f"{text[:limit]}… ({len(value):,} characters)"
    text = _bounded_repr(limit).repr(value)
    if len(text) <= limit and "..." not in text:
        return text
    try:
        size = f" ({len(value):,} items)"  # type: ignore[arg-type]
    except TypeError:
        size = ""
    return f"{text[:limit]}…{size}"


def one_line(message: str, limit: int = 1000) -> str:
    """Return ``message`` on one line and at most ``limit`` characters (the CLI's last guard).

    Examples
    --------
    >>> one_line("first\\nsecond")
    'first second'
    >>> one_line("a" * 30, limit=10)
    'aaaaaaaaa…'
    """
    text = " ".join(str(message).split("\n"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Stopped(BaseException):
    """The process was told to stop (SIGTERM, SIGINT) and stopped its work cleanly.

    A ``BaseException`` like ``KeyboardInterrupt``, so that no ``except Exception`` on the way
    swallows it. The exit code is the shell's for a process ended by that signal: 128 + its number
    (143 for SIGTERM, 130 for SIGINT).
    """

    def __init__(self, signum: int, message: str = ""):
        self.signum = signum
        self.signame = signal.Signals(signum).name
        super().__init__(message or f"{self.signame} received; nothing more was written")

    @property
    def exit_code(self) -> int:
        """128 + the number of the signal."""
        return 128 + self.signum
