"""The system as an actor: demo loading and operator commands (`vanort …`) run with an
administrator's powers but are not a person, so they are logged as "system"."""


class _System:
    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None

    def get_username(self) -> str:
        return "system"


SYSTEM = _System()
