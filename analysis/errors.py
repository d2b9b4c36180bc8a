"""Errors the command line turns into exit codes (2 = bad input, 1 = failure while running)."""


class BadInput(ValueError):
    """Input the user can fix: an unknown country, a bad year, a missing or malformed raw file.

    The message is one line that names what is wrong and what would be right.
    """

    exit_code = 2


class RunFailure(RuntimeError):
    """A failure while running (for example a notebook cell), named in the message."""

    exit_code = 1


class Stopped(BaseException):
    """The process was told to stop (SIGTERM, SIGINT) and stopped its work cleanly.

    A ``BaseException`` like ``KeyboardInterrupt``, so that no ``except Exception`` on the way
    swallows it. The exit code is the shell's for a process ended by that signal: 128 + its number
    (143 for SIGTERM, 130 for SIGINT).
    """

    def __init__(self, signum: int, message: str = ""):
        import signal

        self.signum = signum
        self.signame = signal.Signals(signum).name
        super().__init__(message or f"{self.signame} received; nothing more was written")

    @property
    def exit_code(self) -> int:
        """128 + the number of the signal."""
        return 128 + self.signum
