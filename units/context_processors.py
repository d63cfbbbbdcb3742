from django.utils.functional import SimpleLazyObject

from .models import Authority


def authority(request):
    """The authority the page acts in (request.authority, accounts.middleware), for page headers: one query,
    only on pages that use it. Outside a request cycle with the middleware, the installation's root."""
    found = getattr(request, "authority", None)
    return {"authority": found if found is not None else SimpleLazyObject(Authority.root)}
