"""The awards pages, by subject: council (a year's council, its members, new meetings), meetings (a
meeting's page and each of its actions, one URL each), ballots (a member's ballot paper, a written
opinion), decisions (decisions, proposals, their documents, the public check of a certificate) and
prints (batch printing of certificates)."""
