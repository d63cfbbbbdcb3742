"""Permissions of the API (django-rules; default deny), built from the portal's own predicates.

A client acts as its service account, so the dossier endpoints use the dossier permissions as they
are (`dossiers.create_dossier`, `dossiers.submit_dossier`, `dossiers.view_dossier`). What the portal
has no rule for is reading *every* issued decision and ledger row from outside: the provincial TĐKT
database is neither office staff nor a council member. Here it is the people who already read them
in the portal, or a client an administrator granted the "read awards" scope.
"""

import rules

from accounts.rules import is_council_member, is_office_staff, is_system_admin, manages_people

from .models import Scope


@rules.predicate
def is_client_reading_awards(user) -> bool:
    """The request came through an active API client that was granted the "read awards" scope.

    `api_client` is set on the service account by ApiTokenAuthentication for that one request.
    """
    client = getattr(user, "api_client", None)
    return client is not None and client.is_active and client.has_scope(Scope.READ_AWARDS)


rules.add_perm("api.manage_clients", is_system_admin)
# The same people as awards.view_decisions and dossiers.view_ledger, plus the granted client.
rules.add_perm("api.read_issued_decisions", is_office_staff | is_system_admin | is_council_member | is_client_reading_awards)
rules.add_perm("api.read_award_ledger", manages_people | is_council_member | is_client_reading_awards)
