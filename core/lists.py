"""The one way to write a list page (docs/architecture.md, "A list"): a selector gives the rows the
viewer may see, a django-filter FilterSet narrows them, a django-tables2 Table declares the columns and
their ordering, and the page renders the rows through one plain template loop
(partials/table_head.html, a {% for row in table.page.object_list %} loop, partials/table_pages.html)
rather than tables2's cell-by-cell rendering."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import QuerySet
from django.shortcuts import render
from django_tables2 import RequestConfig

PER_PAGE = 25


def stable_order(rows: QuerySet) -> QuerySet:
    """The rows in their order with the primary key last, so rows that tie (same year, same award) keep
    one order from page to page: a database may return ties in any order, and a page could repeat or
    skip a row."""
    order = [str(o) for o in rows.query.order_by] or [str(o) for o in (rows.query.get_meta().ordering or [])]
    if any(o.lstrip("-") in ("pk", "id") for o in order):
        return rows
    return rows.order_by(*rows.query.order_by or rows.query.get_meta().ordering or [], "pk")


def list_table(request, table_class, rows, *, per_page: int = PER_PAGE, **table_kwargs):
    """The table over `rows`, ordered by the request's ?sort= and cut to its ?page= (a page number that
    is not one shows the first page, one past the end the last). The page size is the view's: a
    ?per_page= in the address is not obeyed."""
    table = table_class(rows, **table_kwargs)  # not request=: Table would then paginate by the address
    RequestConfig(request, paginate=False).configure(table)
    rows_read = getattr(table.data, "data", None)
    if isinstance(rows_read, QuerySet) and rows_read._result_cache is None:  # rows a view has read keep its order
        table.data.data = stable_order(rows_read)
    table.before_render(request)  # tables2's hook (columns shown to this viewer); no {% render_table %} calls it here
    try:
        table.paginate(per_page=per_page, page=request.GET.get(table.prefixed_page_field, 1))
    except PageNotAnInteger:
        table.page = table.paginator.page(1)
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    return table


def list_page(request, template: str, *, table_class, rows=None, filterset=None, per_page: int = PER_PAGE, context=None):
    """Render a list page: the rows of `filterset` (a FilterSet built over a selector's rows) or, for a
    list without filters, `rows` themselves, in a `table_class` table. The template receives `table`
    and `filter`."""
    if filterset is not None:
        rows = filterset.qs
    table = list_table(request, table_class, rows, per_page=per_page)
    return render(request, template, {"table": table, "filter": filterset, **(context or {})})
