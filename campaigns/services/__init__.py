"""Every write of campaigns: keyword-only, atomic, permission-checked, audited, one module per sub-domain
(as campaigns/models/ is split): campaigns, plan, requests and submissions, exemplary, calendar, message
templates and reminders. Importers name the module that holds the service."""


def acting_authority_id(by, authority=None) -> int:
    """The authority a new record belongs to (#13): the one the view acts in, else the one its author acts in."""
    if authority is not None:
        return authority if isinstance(authority, int) else authority.pk
    return by.acting_authority_id
