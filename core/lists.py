"""The one way to write a list page (docs/architecture.md, "A list"): a selector gives the rows the
viewer may see, a django-filter FilterSet narrows them, a django-tables2 Table declares the columns and
their ordering, and the page renders the rows through one plain template loop
(partials/table_head.html, a {% for row in table.page.object_list %} loop, partials/table_pages.html)
rather than tables2's cell-by-cell rendering."""

from django.shortcuts import render
from django_tables2 import RequestConfig

PER_PAGE = 25


def list_table(request, table_class, rows, *, per_page: int = PER_PAGE, **table_kwargs):
    """The table over `rows`, ordered by the request's ?sort= and cut to its ?page=."""
    table = table_class(rows, request=request, **table_kwargs)
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    return table


def list_page(request, template: str, *, table_class, rows=None, filterset=None, per_page: int = PER_PAGE, context=None):
    """Render a list page: the rows of `filterset` (a FilterSet built over a selector's rows) or, for a
    list without filters, `rows` themselves, in a `table_class` table. The template receives `table`
    and `filter`."""
    if filterset is not None:
        rows = filterset.qs
    table = list_table(request, table_class, rows, per_page=per_page)
    return render(request, template, {"table": table, "filter": filterset, **(context or {})})
