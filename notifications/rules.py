import rules

from accounts.rules import is_office_staff, is_system_admin

# The undelivered e-mails page (who gets which message is the office's business; the administrator
# runs the mail server).
rules.add_perm("notifications.manage_outbox", is_office_staff | is_system_admin)
