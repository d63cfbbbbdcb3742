"""The campaigns pages, one module per sub-domain (as campaigns/models/ is split). Every state-changing
view fetches through a selector (core.actions.visible_or_404) and ends in core.actions (post_action /
form_action); every list page is a FilterSet (where it filters) and a Table fed by a selector, rendered
through core.lists. The calendar of deadlines stays a list grouped by month."""
