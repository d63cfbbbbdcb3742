"""The pages of dossiers, by sub-domain (their addresses: dossiers/urls.py).

    dossiers.py     the list, a new dossier, its page, its transitions
    nominees.py     a nominee's form, removal, appraisal, override of its result
    attachments.py  the dossier's files
    imports.py      Excel imports (nominees of a dossier, the ledger of past years) and their templates
    rounds.py       award rounds
    ledger.py       a person's history, a unit's ledger, merging duplicate people
    elections.py    the proposal of a cluster's elected leader (suy tôn)

Every view that changes state ends in core.actions (post_action, form_action): no hand-written
refusal handling, one address per action.
"""
