"""Why the models refuse what was asked: the exceptions the views turn into messages."""


class RegistrationClosed(Exception):
    """The session does not accept registrations or changes at this instant."""


class RegistrationSetAside(RegistrationClosed):
    """Staff set the registration aside (écartée): the candidate cannot change or cancel it."""


class StaleRevision(Exception):
    """The form was filled from an older state: another tab saved meanwhile."""


class StepNotReached(Exception):
    """A step was sent before the earlier ones were done."""

    def __init__(self, first_incomplete):
        super().__init__(first_incomplete)
        self.first_incomplete = first_incomplete


class NotAllowed(Exception):
    """What was asked of a piece or a registration cannot be done now; the message says why, in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class EmailTaken(Exception):
    """Another account already uses this email address."""


class UnknownPoles(ValueError):
    """Pôle codes that name no pôle of any loaded session; ``known`` lists the valid ones."""

    def __init__(self, unknown, known):
        self.unknown, self.known = unknown, known
        valid = ", ".join(known) if known else "aucun (chargez d'abord une session avec load-session)"
        super().__init__(f"Pôle inconnu : {', '.join(unknown)}. Pôles existants : {valid}.")
        self.message = str(self)


class DossierChanged(NotAllowed):
    """A staff decision made on a dossier that changed since its author opened it (a file, another decision)."""

    def __init__(self):
        super().__init__("Ce dossier a changé depuis que vous l'avez ouvert : voici son état actuel, "
                         "vérifiez-le avant de décider.")
