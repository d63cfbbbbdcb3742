"""Which fields a nominee of each subject fills in: one list for the nominee form, the services' audit of
a nominee and the API."""

from .enums import Subject

INDIVIDUAL_FIELDS = [
    "award",
    "full_name",
    "gender",
    "date_of_birth",
    "ethnic_minority",
    "position",
    "work_unit",
    "worker_category",
    "months_worked",
    "task_rating",
    "discipline",
    "initiative_ref",
    "achievement",
]
COLLECTIVE_FIELDS = [
    "award",
    "full_name",
    "task_rating",
    "member_count",
    "members_completing",
    "ldtt_count",
    "cstdcs_count",
    "disciplined_members",
    "achievement",
]
HOUSEHOLD_FIELDS = ["award", "full_name", "work_unit", "ethnic_minority", "achievement"]
FIELDS_BY_SUBJECT = {
    Subject.INDIVIDUAL: INDIVIDUAL_FIELDS,
    Subject.COLLECTIVE: COLLECTIVE_FIELDS,
    Subject.HOUSEHOLD: HOUSEHOLD_FIELDS,
    Subject.VILLAGE: HOUSEHOLD_FIELDS,
}
# Every field a nominee save may change, as the audit and the revisions record them.
NOMINEE_FIELDS = ["subject", *dict.fromkeys(INDIVIDUAL_FIELDS + COLLECTIVE_FIELDS + HOUSEHOLD_FIELDS)]
