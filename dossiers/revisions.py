"""What changed between two submissions of a dossier, for the appraiser."""

from dataclasses import dataclass, field


@dataclass
class RevisionDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str, str]] = field(default_factory=list)  # (name, field label, old, new)
    files_added: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.files_added or self.files_removed)


def _key(row: dict) -> str:
    born = f" ({row['date_of_birth']})" if row.get("date_of_birth") else ""
    return f"{row['full_name']}{born}"


def revision_diff(old: dict, new: dict, labels: dict[str, str]) -> RevisionDiff:
    diff = RevisionDiff()
    before = {_key(row): row for row in old.get("nominees", [])}
    after = {_key(row): row for row in new.get("nominees", [])}
    diff.added = [k for k in after if k not in before]
    diff.removed = [k for k in before if k not in after]
    for key in after.keys() & before.keys():
        for name, value in after[key].items():
            if before[key].get(name) != value:
                diff.changed.append((key, labels.get(name, name), str(before[key].get(name) or "—"), str(value or "—")))
    diff.changed.sort()
    diff.files_added = [f for f in new.get("files", []) if f not in old.get("files", [])]
    diff.files_removed = [f for f in old.get("files", []) if f not in new.get("files", [])]
    return diff


def history_subject(entry) -> str:
    """Who or what a dossier's history entry is about, from its audit changes: the person or collective added,
    changed or removed, the file added or removed (with its document type); '' for the other entries."""
    changes = entry.changes or {}
    if entry.action in ("nominee_add", "nominee_update"):
        names = dict.fromkeys(key.rsplit(".", 1)[0] for key in changes if "." in key)
        return ", ".join(names)
    if entry.action == "nominee_delete":
        return str((changes.get("nominee") or [""])[0] or "")
    if entry.action in ("attachment_add", "attachment_delete"):
        old, new = (changes.get("attachment") or [None, None])[:2]
        return str(new or old or "")
    return ""
