"""The campaigns pages, one module per sub-domain (as campaigns/models/ is split). Every state-changing
view ends in core.actions (post_action / form_action) and fetches through a selector
(visible_or_404); every list is a FilterSet and a Table fed by a selector (core.lists)."""
