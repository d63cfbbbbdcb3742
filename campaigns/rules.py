"""Who may do what with campaigns, the plan, submission requests and exemplary models (django-rules;
default deny). Every page still reads through a selector scoped to the user."""

import rules

from accounts.enums import Role
from accounts.rules import (
    in_acting_authority,
    installation_office,
    is_office_staff,
    is_system_admin,
    is_unit_clerk,
    is_unit_head,
    unit_ids,
)
from units.models import Authority

from .enums import Receiver


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


@rules.predicate
def is_clerk_of_unit(user, unit) -> bool:
    return unit is not None and unit.pk in unit_ids(user, Role.UNIT_CLERK)


@rules.predicate
def answers_from_below(user, recipient) -> bool:
    """The recipient is the unit the user's authority stands as in its parent (a commune's office answering
    the province's request addressed to "UBND xã …"): #13, campaigns.selectors.requests_from_above."""
    return (
        recipient is not None and bool(getattr(user, "is_authenticated", False)) and recipient.unit_id == user.represented_unit_id
    )


@rules.predicate
def is_clerk_of_owner(user, campaign) -> bool:
    return campaign is not None and campaign.owner_id in unit_ids(user, Role.UNIT_CLERK)


@rules.predicate
def campaign_not_registered(user, campaign) -> bool:
    return campaign is not None and not campaign.is_registered


@rules.predicate
def is_clerk_of_recipient(user, recipient) -> bool:
    return recipient is not None and recipient.unit_id in unit_ids(user, Role.UNIT_CLERK)


@rules.predicate
def acts_for_recipient(user, recipient) -> bool:
    return recipient is not None and recipient.unit_id in unit_ids(user, Role.UNIT_CLERK, Role.UNIT_HEAD)


@rules.predicate
def acts_for_exemplary_unit(user, exemplary) -> bool:
    return exemplary is not None and exemplary.unit_id in unit_ids(user, Role.UNIT_CLERK, Role.UNIT_HEAD)


# An office acts on its own authority's records only (a recipient through its request, an exemplary model
# through its unit), whoever calls the service.
mine = in_acting_authority("request", "unit")
office = is_office_staff & mine


@rules.predicate
def receiver_is_office(user, recipient) -> bool:
    return recipient is not None and recipient.request.receiver == Receiver.OFFICE


@rules.predicate
def receiver_is_cluster_head(user, recipient) -> bool:
    return recipient is not None and recipient.request.receiver == Receiver.CLUSTER_HEAD


@rules.predicate
def heads_recipient_group(user, recipient) -> bool:
    """The user acts for the unit heading the cluster or bloc this recipient sends through."""
    return (
        recipient is not None
        and recipient.group_id is not None
        and recipient.group.head_id is not None
        and recipient.group.head_id in user.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD)
    )


# Campaigns: any department (or commune) clerk may launch one in its own name; registering it with
# the district is the standing office's act. A registered campaign is changed only by the office.
rules.add_perm("campaigns.view_campaigns", is_signed_in)
rules.add_perm("campaigns.add_campaign", office | is_unit_clerk)
rules.add_perm("campaigns.change_campaign", office | (is_clerk_of_owner & campaign_not_registered))
rules.add_perm("campaigns.register_campaign", office)
rules.add_perm("campaigns.join_campaign", is_clerk_of_unit)

# The annual plan is read by everyone signed in and kept by the office.
rules.add_perm("campaigns.view_plan", is_signed_in)
rules.add_perm("campaigns.manage_plan", office)

# Submission requests.
rules.add_perm("campaigns.view_requests", office | is_system_admin | is_unit_clerk | is_unit_head)
rules.add_perm("campaigns.view_all_requests", office | is_system_admin)
rules.add_perm("campaigns.manage_requests", office)
rules.add_perm("campaigns.review_submission", (office & receiver_is_office) | (heads_recipient_group & receiver_is_cluster_head))
rules.add_perm("campaigns.view_recipient", office | (is_system_admin & mine) | acts_for_recipient | heads_recipient_group)
rules.add_perm("campaigns.submit_document", is_clerk_of_recipient | answers_from_below)

# Reminders.
# The settings and message texts are the installation's (#13): not a commune office's to rewrite for everyone.
rules.add_perm("campaigns.configure_reminders", installation_office)
# Every office reads the page: the reminders sent to its own people (campaigns.selectors.recent_reminders).
rules.add_perm("campaigns.view_reminders", office | is_system_admin)

# Exemplary models.
rules.add_perm("campaigns.submit_exemplary", is_clerk_of_unit)
rules.add_perm("campaigns.review_exemplary", office)
rules.add_perm("campaigns.view_exemplary", office | acts_for_exemplary_unit)


@rules.predicate
def given_to_acting_authority(user, task) -> bool:
    """The task is the parent authority's, given to lower levels, and the user acts in a working child of that
    parent (a commune office reporting on the province's task, #13)."""
    if task is None or not task.for_lower_levels or not getattr(user, "is_authenticated", False):
        return False
    return Authority.objects.working_children(task.plan.authority_id).filter(pk=user.acting_authority_id).exists()


# The annual plan's tasks given to lower levels (#13): each commune's office reports on its own part.
rules.add_perm("campaigns.report_plan_task", is_office_staff & given_to_acting_authority)
