"""Every write of campaigns: keyword-only, atomic, permission-checked, audited, one module per sub-domain
(as campaigns/models/ is split): campaigns, plan, requests and submissions, exemplary, calendar, message
templates and reminders. Importers name the module that holds the service."""
