"""Why a registration workflow refused: each kind gets its own page or message in the views."""

from datetime import datetime


class RegistrationError(Exception):
    """A registration that cannot be made; the view shows a page for each kind."""


class RegistrationClosed(RegistrationError):
    """Outside the registration window. ``opens`` is set when it has not opened yet."""

    def __init__(self, meeting, *, opens: datetime | None = None, closed: datetime | None = None):
        super().__init__("registration closed")
        self.meeting = meeting
        self.opens = opens
        self.closed = closed


class DuplicateRegistration(RegistrationError):
    """The e-mail already has an active registration in this meeting (``registration``)."""

    def __init__(self, registration):
        super().__init__("duplicate registration")
        self.registration = registration


class NotAllowed(RegistrationError):
    """The change does not fit the registration's status (e.g. cancelling a cancelled one)."""


class Frozen(NotAllowed):
    """The delegate checked in (the registration is attendance now, not a booking) or the meeting
    has ended: delegates and coordinators no longer change it; organisers correct it (reject, with
    a reason and history)."""
