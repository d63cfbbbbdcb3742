from django.utils.functional import SimpleLazyObject

from .models import Authority


def authority(request):
    """The issuing authority's names for page headers: one query, only on pages that use it."""
    return {"authority": SimpleLazyObject(Authority.load)}
