"""Every read a campaigns page needs, scoped to the viewer, with a number of queries that does not grow
with the rows; one module per sub-domain (as campaigns/models/ is split). Lists are querysets: a page
narrows them with its FilterSet and lays them out with its Table (campaigns/filters.py, campaigns/tables/)."""
