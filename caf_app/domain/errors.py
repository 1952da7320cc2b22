"""Domain errors carry the field they concern and the sentence the user reads."""


class DomainError(ValueError):
    """A rule was broken. `field` names the input (or "" for the whole form); `message` is French."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class FieldErrors(DomainError):
    """Several answers wrong at once: `errors` (field -> French message), each shown next to its field; `message`
    the sentence for the whole form (by default the first field's)."""

    def __init__(self, errors: dict[str, str], message: str = ""):
        field, first = next(iter(errors.items()), ("", ""))
        super().__init__("" if message else field, message or first)
        self.errors = errors


class Forbidden(PermissionError):
    """The policy refused an action; `what` names the protected thing, for logs."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what
