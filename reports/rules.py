"""Who sees statistics: the standing office, and the council that reviews the numbers before it votes."""

import rules

from accounts.rules import is_council_member, is_office_staff, is_system_admin

rules.add_perm("reports.view_statistics", is_system_admin | is_office_staff | is_council_member)
rules.add_perm("reports.draft_review_report", is_office_staff)
