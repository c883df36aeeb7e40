"""One error type for bad input, always naming the file, the line and what to fix."""

from __future__ import annotations

# What the build prints above a list of content errors.
CONTENT_ERRORS = "Feil i innhaldet (rett desse, så blir nettstaden bygd):"


class GuidelineError(Exception):
    """Bad input in a guideline page or data file."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class GuidelineErrors(Exception):
    """Several errors found in one pass, reported together."""

    def __init__(self, errors: list[GuidelineError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
