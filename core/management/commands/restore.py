from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into a fresh, empty database and an empty MEDIA_ROOT; the manifest's hashes "
        "are checked first, its row counts and file hashes again after."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup folder (with manifest.json)")

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored {folder}: {rows} rows in {len(manifest['counts'])} tables and {len(manifest['files'])} stored files, "
            "every count and SHA-256 equal to the manifest."
        )
