from .calendar import CalendarFeed
from .campaign import Campaign, CampaignRegistration, Milestone
from .exemplary import ExemplaryModel
from .plan import AnnualPlan, PlanTask, PlanTaskReport
from .reminders import Reminder, ReminderSettings, ScanRun
from .requests import RequestRecipient, Submission, SubmissionRequest

__all__ = [
    "AnnualPlan",
    "CalendarFeed",
    "Campaign",
    "CampaignRegistration",
    "ExemplaryModel",
    "Milestone",
    "PlanTask",
    "PlanTaskReport",
    "Reminder",
    "ReminderSettings",
    "RequestRecipient",
    "ScanRun",
    "Submission",
    "SubmissionRequest",
]
