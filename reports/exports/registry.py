"""Every export, by its name (the URL slug): the subject modules' declarations, collected."""

from django.http import Http404

from . import campaigns, clusters, decisions, dossiers, honoured
from .engine import Export

EXPORTS: dict[str, Export] = {
    export.name: export for module in (dossiers, decisions, campaigns, honoured, clusters) for export in module.EXPORTS
}


def get_export(name: str) -> Export:
    try:
        return EXPORTS[name]
    except KeyError as exc:
        raise Http404 from exc
