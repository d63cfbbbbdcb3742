"""Pages of clusters and blocs, one module per sub-domain (groups, sheets, cards, pacts, election). Every
object comes through a scoped selector (404 when not visible); every write is its own address and goes
through clusters.services by way of core.actions."""
